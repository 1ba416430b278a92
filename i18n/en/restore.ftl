# The words of a restore script's remarks and of its runbook.
# Each message's id is used in the code as `message!("id", …)`; arguments are `{ $name }`.

## the script's header

restore-header-title = carryover restore script for { $appliance }, { $from } -> { $to }
restore-header-host = { "host:" } { $appliance }
restore-header-against = only what the post-upgrade capture lacks or has different
restore-header-encoding = encoding: { $encoding }; literal counts are its bytes, each line break counted as CRLF
restore-header-encoding-as-capture = encoding: { $encoding }, as the capture; literal counts are its bytes, each line break counted as CRLF
restore-host-not-captured = (host not captured)
restore-version-not-captured = (version not captured)

## what a run of commands is written under

restore-remark-rule = { $rule }
restore-remark-new = { $rule }: { $title }
restore-remark-unprovable = { $rule }: written although the post-upgrade capture may show it: no capture can show this fixed; check it by hand (see the runbook)
restore-remark-remedy-wins = { $rule }: the remedy wins over the captured { $name } = { $value }

## a command not written, and why

restore-remark-not-written = not written, { $why }: { $what }
restore-remark-no-command = not written, no command is known for it: { $what }
restore-remark-inferred = inferred form: no public source confirms `{ $form }`; the commands below of this form are a guess: check one on the appliance before pasting the rest
# Why, in the vendor's words.
restore-unwritable-value = a value holds a character the script cannot carry
restore-unwritable-no-pipe = this script cannot pipe data
restore-unwritable-data = the data holds a character the script cannot carry
restore-unwritable-block-line = a data block line holds a control character

## what was not written

restore-item-setting = setting { $name }
restore-item-entry = { $scope } { $list } entry { $entry }
restore-item-message = message { $name }
restore-item-trusted-host = trusted host { $host } ({ $group })
restore-item-enter = the { $count } item(s) of { $domain }
restore-item-leave = leave { $domain }

## the runbook's steps by hand

restore-step-secret-left-out = { $scope }: { $name } is a secret, left out (use --show-secrets)
restore-not-compared = the post-upgrade capture did not look at { $count } range(s) the script would restore, so they are left out of it and whether they are back is not known: capture `{ $capture }` after the upgrade, then run again
restore-step-not-observed = the post-upgrade capture does not show { $path }: capture it, then re-run
restore-step-not-observed-capture = the post-upgrade capture does not show { $path }: capture `{ $commands }`, then re-run
restore-step-key-elided = trusted host { $host } ({ $group }): its captured key has elided lines; paste the full key from `key getpublic MTA ""` on { $host }
restore-step-key-not-captured = trusted host { $host } ({ $group }): its key was not captured; run `key getpublic MTA ""` on { $host } and add it
restore-step-keep-chosen-value = { $name } is { $now } on the upgraded appliance: keep it if that limit was chosen; else set the note's recommendation with `{ $command }` (it restarts SMTP)
restore-step-check-listed-host-key = trusted host { $host } ({ $group }) is listed after the upgrade: check that it holds { $host }'s current key (`key getpublic MTA ""` on { $host }); no listing shows it
restore-step-trusted-hosts-not-captured = the { $group } trusted hosts were not captured: if an upstream RazorGate scores mail for this box, add it as the next steps say
restore-step-reapply-not-captured = { $name } was not captured: re-set it as the release note says
restore-step-message-not-captured = the system { $name } was not captured: if it is customized, it reverts; re-apply it as the next steps say
restore-step-setting-check = { $name } was not captured: check it with `{ $check }`; if it is not `{ $value }`, run { $commands }
restore-step-setting-not-captured = { $name } was not captured: if it is not `{ $value }`, run { $commands }
restore-step-console = { $scope }: set { $name } to { $value } in { $page } > { $field }
restore-step-console-inferred = { $scope }: set { $name } to { $value } in { $page } > { $field } (inferred)
restore-step-console-unknown = { $scope }: set { $name } to { $value } in the admin console (no page is known for it)
restore-step-no-command = { $scope }: { $item } has no command; set it in the admin console
# A release note's own step in the console, in its words.

## the runbook

runbook-title = Restore runbook: { $appliance }, { $from } -> { $to }
runbook-apply = 1. Apply the script
runbook-rules = It writes the commands these rules call for, each under a remark naming its rule:
runbook-by-hand = 2. Steps the script cannot do
runbook-none = None.
runbook-patches = 3. Patches to install
runbook-check = 4. Check
runbook-checks-by-hand = No capture can show these fixed (the appliance shows the value either way): check them by hand.
runbook-recapture = Capture the upgraded appliance again.
runbook-then-run = Then run `{ $command } --against <the new capture>`: when it writes no commands, everything the script restores is back.
runbook-then-run-but = Then run `{ $command } --against <the new capture>`: when it writes no commands but those of { $rules } (always written, since no capture can show them fixed: check them by hand as above), everything the script restores is back.
