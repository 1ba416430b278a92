# What the MOS syntax layer says about a config export it cannot read.

mos-syntax-export-unsplittable = this export line does not split into words
mos-syntax-export-unsplittable-expected = a command whose quoted words are closed, with only \\ and \" as escapes
