# What reading notes about inputs, for every vendor.

read-skipped = skipped: { $why }, not part of the capture
