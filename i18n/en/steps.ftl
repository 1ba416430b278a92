# The kinds of remedy step, each in its own words: a command on this appliance is shown as it
# is typed; every other kind is named by where it is taken. Arguments are filled as the
# knowledge files and the captures hold them.

step-command = on this appliance: `{ $command }`
step-elsewhere = on { $on }: `{ $command }`
step-elsewhere-inferred = on { $on }: `{ $command }`    { $inferred }
step-console = console: { $page }: { $action }
step-console-any = console: { $action }
step-dns = DNS: { $text }
step-check = by hand: { $text }
step-prompt = when asked '{ $prompt }', answer `{ $answer }`
step-fetch-from = fetch it from { $url } and serve it over HTTP where the appliance can reach it
step-install-update = install { $name } (from { $url })
step-type-on-this-appliance = type on this appliance:
plan-phase = { $phase ->
    [before] Before the upgrade
    [during] During the upgrade
   *[after] After the upgrade
}
# A patch two rules ask for: the later one in the plan says where its install is.
plan-patch-installed-by = { "" }; the install is listed once, under { $rule }
