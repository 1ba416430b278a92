# What the plain test vendor says to a person: how to apply a restore script and capture again.

plain-how-to-apply = Type `{ $script }` into the plain console.
plain-how-to-recapture = Save `show all` again:
plain-capture-why-all = everything the appliance has
plain-evidence-header = a `# plain-appliance:` header
