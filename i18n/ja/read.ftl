# Japanese: the same ids and arguments as i18n/en/read.ftl; terms as in i18n/glossary.toml.

## Files a walk over a folder leaves out, and why

skipped-finder-settings = スキップしました: macOS Finder のフォルダ設定。キャプチャの一部ではありません
skipped-explorer-thumbnails = スキップしました: Windows エクスプローラーのサムネイルキャッシュ。キャプチャの一部ではありません
skipped-explorer-settings = スキップしました: Windows エクスプローラーのフォルダ設定。キャプチャの一部ではありません
skipped-media-center-thumbnails = スキップしました: Windows Media Center のサムネイルキャッシュ。キャプチャの一部ではありません
skipped-resource-fork = スキップしました: 共有フォルダへのコピーで残った macOS のリソースフォーク (AppleDouble)。キャプチャの一部ではありません
skipped-lock-file = スキップしました: オフィスソフトのロックファイル。キャプチャの一部ではありません
skipped-archive = スキップしました: アーカイブ (キャプチャの横に置かれたバックアップ)。キャプチャの一部ではありません
skipped-hidden-file = スキップしました: 隠しファイル。キャプチャの一部ではありません
skipped-archive-metadata = スキップしました: macOS のアーカイブのメタデータ。キャプチャの一部ではありません
skipped-folder = スキップしました: 隠しフォルダ、またはアーカイブのメタデータのフォルダ。キャプチャの一部ではありません

## How a file's kind was chosen, when the evidence is not clear

read-doubt-explains-little = { $vendor } の { $kind } として読み込みましたが ({ $evidence })、ファイルの大部分を説明できません: 検討した候補は { $scores }。種類は --kind { $kinds } で指定できます
read-doubt-close = { $vendor } の { $kind } として読み込みましたが ({ $evidence })、別の読み方も僅差です: 検討した候補は { $scores }。種類は --kind { $kinds } で指定できます
read-kind-doubted = --kind { $flag } で読み込みましたが、明らかに { $vendor } の { $kind } に見えます ({ $evidence }。スコア: { $scores }): --kind を確認してください

## Errors that stop reading

read-walk-failed = { $reason }
read-capture-folders = キャプチャのフォルダが { $count } 個あります ({ $folders }): それぞれが 1 台のアプライアンスのある時点のキャプチャ全体です。1 つを指定してください (diff は 2 つを比較します)
read-no-capture-files = { $paths } にキャプチャのファイルがありません (フォルダの中もたどり、隠しファイルやファイルマネージャが残すものはスキップします)
read-no-input-files = 入力ファイルがありません
read-folder-nothing-read = この { $vendor } のキャプチャフォルダからは設定項目を 1 つも読み込めませんでした。想定しているのは { $expected } です
read-two-vendors = { $first } と { $second } のアプライアンスのキャプチャです: アプライアンスは 1 台ずつ読み込んでください
read-two-versions = { $at } のバージョンは { $version }、{ $other_at } のバージョンは { $other } です: 一緒に読み込んだキャプチャは一時点の 1 つのモデルにまとめられます。同じバージョンのキャプチャだけを一緒に読み込んでください (二つの時点の比較は `diff` で行います)
read-two-vendor-captures = { $first } のキャプチャと { $second } のキャプチャです: アプライアンスは 1 台ずつにしてください
diff-two-vendor-captures = diff が比較するのは 1 台のアプライアンスの 2 つのキャプチャです: { $first } のキャプチャと { $second } のキャプチャです。アプライアンスは 1 台ずつにしてください
restore-against-two-vendor-captures = --against: { $first } のキャプチャと { $second } のキャプチャです: アプライアンスは 1 台ずつにしてください
read-two-appliances = アプライアンス { $first } とアプライアンス { $second } のキャプチャです: アプライアンスは 1 台ずつにしてください
diff-two-appliances = diff が比較するのは 1 台のアプライアンスの 2 つのキャプチャです: アプライアンス { $first } とアプライアンス { $second } のキャプチャです。アプライアンスは 1 台ずつにしてください
restore-against-two-appliances = --against: アプライアンス { $first } とアプライアンス { $second } のキャプチャです: アプライアンスは 1 台ずつにしてください

## An upgrade inside one capture

read-upgrade-starts-over = ここでバージョンが { $version } になっています ({ $other_at } では { $other }): それより前に読み込んだ内容はバージョンアップ前のアプライアンスのもので、バージョンアップで設定が戻っていることがあるため、このモデルには含めません。バージョンアップ後に取得し直してください

## Vendors: the registry

vendor-unsupported = carryover は { $vendor } のキャプチャでは { $what } に対応していません
vendor-can-read-folder = { $path } の読み込み
vendor-can-capture-plan = キャプチャ計画
vendor-can-restore = リストアスクリプト
vendor-can-import-files = UI のインポートファイル
vendor-unknown = メーカー `{ $id }` は不明です
vendor-no-release-notes = carryover には { $vendor } のリリースノートがまだありません: show、diff、track は使えますが、gaps、plan、restore は使えません

## Two captures that name different appliances

read-two-hosts = 2 台のアプライアンスのキャプチャです: `{ $first }` と `{ $second }`。アプライアンスは 1 台ずつ読み込んでください
read-two-domains = 2 台のアプライアンスのキャプチャです: `{ $first }` と `{ $second }` が同じ短い名前 `{ $short }` を持っています。アプライアンスは 1 台ずつ読み込んでください

## Files that yield no configuration

read-not-clearly-a-capture = キャプチャであるとは明らかに言えず ({ $scores })、キャプチャとしての読み込みにも失敗しました:
read-nothing-read = 設定項目を 1 つも読み込めませんでした: { $lines } 行、解釈できない行 { $not_understood }。最も近いのは { $vendor } の { $kind } です ({ $evidence }。スコア: { $scores })。想定しているのは { $expected } です
read-nothing-read-prefix = 設定項目を 1 つも読み込めませんでした: { $lines } 行、解釈できない行 { $not_understood }。最も近いのは { $vendor } の { $kind } です ({ $evidence }。スコア: { $scores })。すべての行が、carryover の知らない接頭辞 `{ $prefix }` で始まっています (取り除いてください)。想定しているのは { $expected } です
read-nothing-claimed = 設定項目を 1 つも読み込めませんでした: { $lines } 行のうち、carryover が読み込むものはありません。想定しているのは { $expected } です
read-nothing-claimed-prefix = 設定項目を 1 つも読み込めませんでした: { $lines } 行のうち、carryover が読み込むものはありません。すべての行が、carryover の知らない接頭辞 `{ $prefix }` で始まっています (取り除いてください)。想定しているのは { $expected } です
