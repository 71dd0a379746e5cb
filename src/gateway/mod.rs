//! The HTTP shell: the only code that touches warp and hyper. It owns the listener (with
//! header-read timeouts and graceful shutdown), routes requests to the callback of each
//! service, the health checks, the OAuth redirect and the endpoints for backends, and forwards
//! pushes to backends.

mod body;
mod breaker;
mod cluster;
mod delivery;
mod endpoints;
pub mod error;
mod forward;
mod lanes;
mod oauth;
mod push;
mod redeliver;
mod reload;
mod router;
mod server;
mod state;

pub use delivery::Outcome;
pub use reload::{Applied, Refused};
pub use router::{Peer, Request, routes};
pub use server::{run_threads, serve};
pub use state::{
    Handle, KeyMatch, MAX_CONNECTIONS, ServiceState, State, Timeouts, connection_cap,
    raise_fd_limit,
};
