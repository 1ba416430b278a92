# `carryover rule ID`, `carryover schema` and the rule pages (docs/rules/ID.md, SARIF help):
# what a rule is, what carryover checks for it, and what it does. A rule's title, cost and
# steps come from the release notes' knowledge files; these are the words around them.
# Commands, setting names, values and ids are arguments, never translated.

## Errors

usage-rule-unknown = no rule `{ $id }`: the nearest are { $nearest } (`carryover rule` lists them all)
usage-schema-unknown = no schema `{ $name }`: `carryover schema` lists them ({ $names })

## The page

rule-page-heading = { $id }: { $title }
rule-page-of-note = { $vendor }, { $release }; severity: { $severity }
rule-page-own = carryover's own check, which no release note names; severity: { $severity }
rule-page-note-heading = The release note's item
rule-page-original = The note's own sentence:
rule-page-cost = What it costs: { $cost }
rule-page-checks-heading = What carryover checks
rule-page-does-heading = What carryover does
rule-page-reported-by = Reported by: { $commands }.
rule-page-reported-by-none = No command reports it: the item is kept so that every item of the note has one.
rule-page-remedy = Remedy, as the note gives it (a word in braces is filled in per item):
rule-page-gate = `plan` is blocked until you confirm it with `--confirm { $id }` when it finds something or cannot tell.
rule-page-check = Check by hand that the remedy took effect: { $check }
rule-page-capture = The commands that capture what it needs: { $commands }
rule-page-after = It is also checked on captures made after the upgrade: what it is about still holds on an appliance that runs { $release }.
rule-page-from-at-least = It applies to upgrades from { $version } or later.
rule-page-wider = The note names the upgrade from { $names } only; carryover applies it from other versions too, as a warning: { $because }
rule-page-never-fires = No capture can make it fire: { $why }
rule-page-list-heading = { $count } rules; `carryover rule ID` explains one:

## What carryover checks, by kind of check

rule-detect-none = Nothing a capture can show: carryover does not check it.
rule-detect-always = Every upgrade that crosses { $release }: there is nothing to look for in a capture.
rule-detect-setting-not = It applies when `{ $name }` is not `{ $value }`; when the setting is not captured, carryover says so.
rule-detect-setting-is = It applies when `{ $name }` is `{ $value }`; when the setting is not captured, carryover cannot tell and says so.
rule-detect-new-setting = `{ $name }` is new in { $release }, with the recommended value `{ $recommended }`: no capture made before the upgrade holds it, so carryover says to set it after the upgrade; on { $release } a captured value is compared with the recommended one.
rule-detect-new-setting-default = `{ $name }` is new in { $release }, with the recommended value `{ $recommended }` (the default is `{ $default }`): no capture made before the upgrade holds it, so carryover says to set it after the upgrade; on { $release } a captured value is compared with the recommended one.
rule-detect-reapply = The upgrade breaks these settings: { $names }. carryover lists their captured values to set again.
rule-detect-export-lacks = Entries of the `{ $list }` list that the live captures show and an export lacks; a scope whose list was not captured in full is reported as not captured.
rule-detect-system-message = The system message `{ $name }`: only a customized text is lost. A text equal to one of the { $defaults } default text(s) carryover knows is not; with none known, carryover cannot tell and says so.
rule-detect-messages-in = Any message in the `{ $area }` area.
rule-detect-raw-mentions = An answer or command carryover does not know that mentions `{ $text }`.
rule-detect-raw-mentions-listing = An answer or command carryover does not know that mentions `{ $text }`; when no capture ran `{ $listing }`, carryover cannot tell and says so.
rule-detect-delegated-domains = Whether the appliance uses delegated domains: some were captured, or the license for them is.
rule-detect-delegated-domains-license = Whether the appliance uses delegated domains: some were captured, or the license `{ $license }` is.
rule-detect-unless-installed = Once `{ $patch }` is installed, the rule is fine.
rule-detect-trusted-hosts = The trusted hosts of the `{ $group }` group, and whether their keys were captured.
rule-detect-license-missing = It applies when the license `{ $feature }` is missing.
rule-detect-version-below = It applies when the version upgraded from is below { $version }.
rule-detect-version-not = It applies when the version upgraded from is not { $version }.
rule-detect-update-missing = It applies when `{ $name }` is not in the list of installed updates.
rule-detect-update-unlisted = The list of installed updates never shows `{ $name }`: its absence proves nothing, so carryover asks you to check by hand.
rule-detect-backup-status = The last backup, as `{ $command }` lists it: any state but `{ $done }`, or no backup at all, is found; when no capture ran the command, it is not captured.
rule-detect-backup-status-inferred = The last backup, as `{ $command }` lists it: any state but `{ $done }`, or no backup at all, is found; when no capture ran the command, it is not captured. The form of the answer is inferred: no public source shows it.
rule-detect-manual = A precondition no capture shows: carryover always asks you to check it by hand.
rule-detect-hardware-not = The hardware model the login banner names: it applies to any model but { $models }; without a banner, carryover cannot tell and says so.
rule-detect-cluster = Whether the appliance is a cluster node, by its cluster settings.
rule-detect-backup-drops = Settings a backup import does not carry: { $count } kind(s) of setting, each reported where the captures hold it.
rule-detect-backup-drops-by-hand = { $count } kind(s) of setting only by-hand.txt holds; when it gives none, they are not captured.
rule-detect-backup-drops-uncapturable = { $count } kind(s) of setting no capture holds, named as steps by hand every time.

## carryover's own checks

rule-own-title = { $id ->
    [carryover-package] The upgrade package to install
    [carryover-unknown-release] A version newer than every release note carryover knows
    [carryover-unexplained] Items the live captures and the export hold differently, with no known issue to explain it
    [carryover-lost] Items the pre-upgrade capture holds that the post-upgrade capture lacks or holds differently
    [carryover-not-compared] Items one capture holds in a part the other capture never looked at
   *[carryover-update-failed] An update the captures show as failed
}
rule-own-cost = { $id ->
    [carryover-package] The upgrade from the captured version installs one package of the release; a wrong package fails or leaves the appliance between versions.
    [carryover-unknown-release] The known issues of releases carryover has no note for are not reported.
    [carryover-unexplained] An export that differs from the live appliance for no known reason may lose more than the notes say.
    [carryover-lost] What an upgrade lost that no release note names.
    [carryover-not-compared] A difference nobody compared may be a loss: until both captures look at it, nothing says the setting survived.
   *[carryover-update-failed] An update that did not finish leaves the appliance between versions; upgrading again from there is not safe.
}
rule-own-checks = { $id ->
    [carryover-package] The version upgraded from, and the packages the release note lists for it.
    [carryover-unknown-release] The version upgraded to, against the newest release note carryover knows.
    [carryover-unexplained] Every item of the live captures against the export, where no rule explains the difference.
    [carryover-lost] Every item of the pre-upgrade capture (`gaps --pre`) against the post-upgrade capture; items in ranges the post-upgrade capture did not observe are not compared.
    [carryover-not-compared] Every part each capture observed (settings, lists in each scope, API resources): an item in a part only one side observed is not compared, never removed or added.
   *[carryover-update-failed] The update logs and the appliance's own update list.
}
