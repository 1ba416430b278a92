# What the operating system said about a file or a connection, by the kind of its error. A
# kind not listed here is shown in the system's own words (`os-other`).

os-not-found = No such file or directory
os-permission-denied = Permission denied
os-already-exists = File exists
os-is-a-directory = Is a directory
os-not-a-directory = Not a directory
os-directory-not-empty = Directory not empty
os-read-only-filesystem = Read-only file system
os-storage-full = No space left on device
os-timed-out = Timed out
os-connection-refused = Connection refused
os-connection-reset = Connection reset by peer
os-broken-pipe = Broken pipe
os-unexpected-eof = Unexpected end of file
os-other = { $reason }
os-error-numbered = { $reason } (os error { $code })
