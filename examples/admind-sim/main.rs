//! A simulated Mirapoint appliance to try `carryover fetch` against:
//! `cargo run --example admind-sim -- [--sample PATH] [--port N] [--tls] [--ca-out FILE] [--host NAME]`.
//!
//! It answers the admin protocol from a transcript (default: the rg03 sample) on 127.0.0.1,
//! port 10143 in the clear or 10243 with TLS. The user is `administrator`, the password the
//! environment variable `ADMIND_SIM_PASSWORD` (default `demo`). It runs until killed.

mod sim;

use std::path::PathBuf;
use std::process::ExitCode;

const PASSWORD_VARIABLE: &str = "ADMIND_SIM_PASSWORD";
const DEFAULT_PASSWORD: &str = "demo";
const DEFAULT_CA_FILE: &str = "admind-sim-ca.pem";

const USAGE: &str =
    "usage: admind-sim [--sample PATH] [--port N] [--tls] [--ca-out FILE] [--host NAME]";

const HELP: &str = "\
A simulated Mirapoint appliance to try `carryover fetch` against, on 127.0.0.1.

Options:
  --sample PATH   the admin-protocol transcript to answer from [default: the rg03 sample]
  --port N        the port to listen on [default: 10143, or 10243 with --tls]
  --tls           speak TLS with a certificate made now for localhost and 127.0.0.1
  --ca-out FILE   where to write that certificate, for fetch's --ca [default: admind-sim-ca.pem]
  --host NAME     the appliance's name in the greeting (not the address listened on)
  -h, --help      print this help

The user is `administrator`; the password is the environment variable ADMIND_SIM_PASSWORD
[default: demo]. It runs until stopped (Ctrl-C).";

struct Args {
    sample: Option<PathBuf>,
    port: Option<u16>,
    tls: bool,
    ca_out: Option<PathBuf>,
    host: Option<String>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        sample: None,
        port: None,
        tls: false,
        ca_out: None,
        host: None,
    };
    let mut given = std::env::args_os().skip(1);
    while let Some(arg) = given.next() {
        let arg = arg.to_string_lossy().into_owned();
        let mut value = |name: &str| {
            given
                .next()
                .ok_or_else(|| format!("{name} needs a value\n{USAGE}"))
        };
        match arg.as_str() {
            "--sample" => args.sample = Some(PathBuf::from(value("--sample")?)),
            "--port" => {
                let text = value("--port")?.to_string_lossy().into_owned();
                let port = text
                    .parse()
                    .map_err(|_| format!("--port: `{text}` is not a port number"))?;
                args.port = Some(port);
            }
            "--tls" => args.tls = true,
            "--ca-out" => args.ca_out = Some(PathBuf::from(value("--ca-out")?)),
            "--host" => args.host = Some(value("--host")?.to_string_lossy().into_owned()),
            "-h" | "--help" => {
                println!("{USAGE}\n\n{HELP}");
                std::process::exit(0);
            }
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        }
    }
    Ok(args)
}

fn run() -> Result<(), String> {
    let args = parse_args()?;
    let mut script = match &args.sample {
        Some(path) => {
            let bytes =
                std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            sim::Script::from_transcript(&bytes).map_err(|e| {
                format!(
                    "{}: {}",
                    path.display(),
                    carryover::base::text::sanitize(&e)
                )
            })?
        }
        None => sim::Script::sample(),
    };
    if let Some(host) = &args.host {
        script = script.with_host(host);
    }
    let password = std::env::var(PASSWORD_VARIABLE)
        .ok()
        .filter(|p| !p.is_empty());
    let default_password = password.is_none();
    let options = sim::Options {
        password: password.unwrap_or_else(|| DEFAULT_PASSWORD.to_string()),
        tls: args.tls,
        ..sim::Options::default()
    };
    let port = args.port.unwrap_or(if args.tls { 10243 } else { 10143 });
    // The host comes from the transcript: shown through the one sanitiser.
    let host = carryover::base::text::sanitize(script.host());
    let server = sim::start_on(port, script, options)
        .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;

    let connect = match &server.ca_pem {
        Some(pem) => {
            let ca = args
                .ca_out
                .clone()
                .unwrap_or_else(|| PathBuf::from(DEFAULT_CA_FILE));
            std::fs::write(&ca, pem).map_err(|e| format!("cannot write {}: {e}", ca.display()))?;
            format!("localhost --port {} --ca {}", server.port, ca.display())
        }
        None => format!("127.0.0.1 --port {} --plaintext", server.port),
    };
    println!(
        "admind-sim: {host} listening on 127.0.0.1:{}{}",
        server.port,
        if args.tls { " (TLS)" } else { "" }
    );
    if default_password {
        println!("admind-sim: the password is `{DEFAULT_PASSWORD}`: export {PASSWORD_VARIABLE}={DEFAULT_PASSWORD} (set it before starting to choose another)");
    }
    println!(
        "carryover fetch {connect} --user administrator --password-env {PASSWORD_VARIABLE} --into captures"
    );
    loop {
        std::thread::park();
    }
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("admind-sim: {message}");
            ExitCode::from(2)
        }
    }
}
