//! `carryover apply`.

use std::io::{BufRead, IsTerminal};
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use carryover::base::error::Error;
use carryover::commands::apply::{apply, Hooks, Request, Summary};
use carryover::render;

use super::connection::ConnectionArgs;
use super::notify;

/// After `apply --help`.
const HELP: &str = "\
One script, one appliance: fleets and undo are out of scope. Before the first write, apply
logs in, checks the appliance's name, vendor and version, and reads back everything the script
writes: any drift from the capture the script was computed against stops it. Each command is
sent alone and its answer checked; the journal beside the script (SCRIPT.journal) records
each, and --resume finishes a run a refusal or a dropped connection stopped. SpamTitan
scripts go over the REST and legacy APIs, the token from --token-env.

Examples:
  carryover restore --to 4.2.3 pre/rg01.admind.txt --against post/rg01.admind.txt -o restore.txt
  carryover apply restore.txt rg01.example.net --user admin --password-env MOS_PASSWORD --dry-run
  carryover apply restore.sh st01.example.com --token-env ST_TOKEN --into after --pre pre/st01

Exit status:
  0  every command was sent and confirmed, or the journal shows it was; with --pre, every difference is expected, applied or accepted, and nothing is not compared
  1  --pre: something lost, unexplained or not compared remains (as diff --explain)
  2  error; nothing is sent when the appliance, its version or its state is not what the script was computed against, or the script or journal does not match; a refused command or a lost connection stops the run (the journal says where)";

#[derive(Args)]
#[command(after_help = HELP)]
pub struct ApplyArgs {
    /// The restore script, written by `carryover restore -o SCRIPT` (its plan file
    /// SCRIPT.plan beside it).
    #[arg(value_name = "SCRIPT")]
    script: PathBuf,
    /// The appliance to send it to: a host name or address.
    #[arg(value_name = "HOST")]
    host: String,
    /// Send without asking: needed where there is no terminal to ask on.
    #[arg(long)]
    yes: bool,
    /// Do everything but write: log in, check, read back, and show what would be sent.
    #[arg(long)]
    dry_run: bool,
    /// Continue the run the journal shows, after its last confirmed command.
    #[arg(long)]
    resume: bool,
    /// Also send commands whose form no public source confirms.
    #[arg(long)]
    send_inferred: bool,
    /// Then fetch the appliance again into this folder.
    #[arg(long, value_name = "DIR")]
    into: Option<PathBuf>,
    /// Then compare this pre-upgrade capture with the new one, each difference labelled by the
    /// rules, and exit as `diff --explain` does.
    #[arg(long, value_name = "PATH", requires = "into")]
    pre: Option<PathBuf>,
    /// The report's format.
    #[arg(long, value_enum, default_value = "human")]
    format: FormatArg,
    #[command(flatten)]
    connection: ConnectionArgs,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FormatArg {
    /// Lines for people: what was sent, the fetch and the explained diff afterwards.
    Human,
    /// JSON with `format_version`, as `carryover schema apply` describes it, on every exit.
    Json,
}

impl ApplyArgs {
    fn request(&self) -> Request {
        Request {
            script: self.script.clone(),
            host: self.host.clone(),
            yes: self.yes,
            dry_run: self.dry_run,
            resume: self.resume,
            send_inferred: self.send_inferred,
            into: self.into.clone(),
            pre: self.pre.clone(),
            port: self.connection.port,
            tls: self.connection.tls(),
            credentials: self.connection.credentials(),
            timeout: self.connection.timeout,
        }
    }
}

pub fn run(args: ApplyArgs) -> Result<u8, Error> {
    let request = args.request();
    let json = args.format == FormatArg::Json;
    let stopped = |error: Error| {
        if json {
            let journal = carryover::commands::apply::journal_path(&request.script);
            print!(
                "{}",
                render::apply::json_of_stopped(&request.host, &journal, &error)
            );
        }
        error
    };
    if !request.yes && !request.dry_run && !std::io::stdin().is_terminal() {
        return Err(stopped(Error::usage(carryover::message!(
            "apply-no-terminal"
        ))));
    }
    let mut confirm = |summary: &Summary| confirm(summary, request.yes);
    let report = apply(
        &request,
        &mut Hooks {
            confirm: &mut confirm,
            ask: &mut super::fetch::prompt,
        },
    )
    .map_err(stopped)?;
    if json {
        print!("{}", render::apply::json(&report, &request.host));
        let failed = report.fetched.as_ref().is_some_and(|f| f.failed());
        let different = report.diff.as_ref().is_some_and(|d| d.report.different);
        return Ok(if failed { 2 } else { u8::from(different) });
    }
    if let (true, Some(summary)) = (request.dry_run, &report.summary) {
        notify(&render::apply::summary(summary));
    }
    print!("{}", render::apply::report(&report));
    if let Some(fetched) = &report.fetched {
        eprint!("{}", render::fetch::problems(fetched));
        print!("{}", render::fetch::human(fetched));
        if fetched.failed() {
            return Ok(2);
        }
    }
    let Some(compared) = &report.diff else {
        return Ok(0);
    };
    print!(
        "{}",
        render::diff::report(
            &compared.report,
            &compared.old,
            &compared.new,
            &compared.request
        )
    );
    Ok(u8::from(compared.report.different))
}

/// Shows the summary; on a terminal without --yes, asks for `yes`.
fn confirm(summary: &Summary, yes: bool) -> Result<bool, Error> {
    notify(&render::apply::summary(summary));
    if yes {
        return Ok(true);
    }
    eprint!("{}", render::apply::question());
    let mut answer = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut answer)
        .map_err(|e| Error::io("-", e))?;
    Ok(answer.trim() == "yes")
}
