# `capture`: the words of a capture plan.
# Each message's id is used in the code as `message!("id", …)`; arguments are `{ $name }`.

# The remark above the commands to run at an appliance's CLI; each line is a shell remark.
capture-commands-header =
    # Run these at the appliance's CLI with terminal logging on, then give the log
    # to carryover (show, gaps, plan) with the config export if you have one.
    # Each command stands on its own line, so the block can be pasted as it is;
    # the lines starting with # say what the commands below them are for.

# Why a rule's commands are in a capture: the rule and its title.

capture-why-rule = { $rule }: { $title }
