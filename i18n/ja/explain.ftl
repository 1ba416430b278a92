# Japanese: the same ids and arguments as i18n/en/explain.ftl; terms as in i18n/glossary.toml.

## not on this version

diff-summary-not-on-version = { $summary }。相手側のバージョンにない項目 { $count }
diff-not-on-version-in = このバージョンにはありません: { $side } のバージョンにはない項目 ({ $count })
diff-markdown-not-on-version = このバージョンにないもの (相手側のバージョンにはない項目):
diff-markdown-item-not-on-version = `{ $path }`: { $side } のバージョンにはありません

## usage

usage-diff-accept = --accept { $given }: ルール ID、項目のパスまたは項目名に続けて `=` と理由を指定してください。例: --accept 'MOS-4.2.3-KI-5=set by hand'
usage-diff-explain-unified = --explain と --format unified は同時に使えません: unified 形式の差分にはラベルがありません
usage-diff-format-needs-explain = --format sarif と --format github には --explain が必要です: その結果はラベル付きの差分です

## the labels of `diff --explain`

explain-label-expected = 想定どおり
explain-label-applied = 適用済み
explain-label-lost = 失われた
explain-label-unexplained = 説明なし
explain-label-accepted = 受け入れ済み
explain-why-version = バージョンアップ後のバージョンです
explain-why-package = 計画がインストールするバージョンアップのモジュールです
explain-why-patch = ルールが推奨するパッチです (計画のとおり)
explain-why-remedy = ルールの対処が設定する値です (計画のとおり)
explain-why-new-setting = このリリースで新しく加わった設定です
explain-why-known-loss = 既知の問題によって失われると予測されていたものです。restore --against が書き戻します
explain-why-no-rule = 説明するルールがありません
explain-line = { $label } { $rule }: { $why }
explain-line-accepted = 受け入れ済み ({ $target }): { $reason }。元は { $was } { $rule }: { $why }
explain-stat-label = ラベル
explain-stat-count = 差分
explain-summary = 説明: 想定どおり { $expected }、適用済み { $applied }、失われた { $lost }、説明なし { $unexplained }、受け入れ済み { $accepted }
explain-settled = すべての差分が想定どおり・適用済み・受け入れ済みで、すべて比較しました
explain-unsettled = 失われたもの・説明のないもの・比較していないものが残っています
explain-accept-unused = --accept { $target } に当てはまる差分はありません
explain-markdown-table-head = | | 項目 | 旧 | 新 | ラベル | ルール |
explain-cell = { $rule }: { $why }
explain-cell-accepted = { $rule }: { $reason } (--accept { $target } で受け入れ済み。元は { $was })

## restore --check, and the runbook's section of it

explain-proof-title = restore --check: スクリプトの { $applied } 項目をバージョンアップ後のキャプチャに適用し、バージョンアップ前のキャプチャと比べました: スクリプト実行後にアプライアンスが持つ内容です
explain-proof-remaining = スクリプト実行後も差分が残るもの ({ $count }):
explain-proof-none-remaining = 差分が残るものはありません
explain-proof-heading = スクリプト実行後にアプライアンスが持つ内容
explain-proof-item = { $path }: { $why }
explain-left-by-hand = 手作業の手順 (ランブックを参照)
explain-left-secret = スクリプトから除外した秘密の値 (--show-secrets で書き出します)
explain-left-no-command = 書き込むコマンドが知られていません
explain-left-unwritable = スクリプトがその値を運べません
explain-left-not-captured = キャプチャされていません: バージョンアップ後のキャプチャはこれを見ていません
explain-left-not-captured-before = キャプチャされていません: バージョンアップ前のキャプチャはこれを見ていません
explain-left-not-restored = restore が書くものはこれに触れません
explain-not-compared = 比較していません: { $side } でキャプチャされていません
