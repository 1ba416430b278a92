//! `fetch` for both vendors: MOS against the admin-protocol simulator, SpamTitan against a
//! stub appliance, hostile servers, and the simulator itself.

#[path = "../common/mod.rs"]
mod common;
#[path = "../../examples/admind-sim/sim.rs"]
mod sim;

mod hostile_servers;
mod mos;
mod simulator;
mod spamtitan;
