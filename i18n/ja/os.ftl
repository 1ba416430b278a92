# ファイルや接続についてオペレーティングシステムが返したエラー。種類ごと。ここに無い種類は
# システム自身の言葉で示す (`os-other`)。

os-not-found = そのようなファイルやディレクトリはありません
os-permission-denied = 許可がありません
os-already-exists = ファイルが既にあります
os-is-a-directory = ディレクトリです
os-not-a-directory = ディレクトリではありません
os-directory-not-empty = ディレクトリが空ではありません
os-read-only-filesystem = 読み取り専用のファイルシステムです
os-storage-full = デバイスに空き領域がありません
os-timed-out = タイムアウトしました
os-connection-refused = 接続を拒否されました
os-connection-reset = 相手が接続をリセットしました
os-broken-pipe = パイプが切れました
os-unexpected-eof = ファイルが途中で終わっています
os-other = { $reason }
os-error-numbered = { $reason } (OS エラー { $code })
