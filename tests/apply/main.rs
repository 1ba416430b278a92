//! `carryover apply` end to end, against the stateful admin-protocol simulator over real TCP
//! (and TLS): a restore computed from two fetched captures is sent, journalled, resumed after
//! a refusal, a lost answer or a dropped connection, and refused before any write when the
//! appliance, its version or its state is not what the script was computed against.

#[path = "../common/mod.rs"]
mod common;
#[path = "../../examples/admind-sim/sim.rs"]
mod sim;

mod mos;
mod spamtitan;
