# Messages of the bottom layers: errors that stop a run.
# Each message's id is used in the code as `message!("id", …)`; arguments are `{ $name }`.

error-io = { $path }: { $reason }
error-expected = expected { $expected }
