# Why `track` could not track a file, shown after `error:` on standard error and in its JSON.
# Each message's id is used in the code as `message!("id", …)`; arguments are `{ $name }`.

track-folder-unnamed = a capture directory needs a name
track-unreadable = { $reason }
track-no-vendor = no vendor carryover knows claims this file
track-no-appliance = names no appliance (no host prompt, `# host:` header or greeting)
track-appliances-collide = different appliances { $appliances } would share { $file }: never merged, none written; track them into separate repositories
track-reader-failed = carryover failed on this capture (a bug: please report it)
