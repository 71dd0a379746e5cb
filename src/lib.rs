//! wx-gateway: a WeChat Official Account gateway. WeChat's signed, encrypted XML pushes become
//! plain JSON POSTs to ordinary web backends, and their JSON answers become passive replies.
//!
//! Layout (data flows top to bottom on the way in):
//! - [`gateway`]: the HTTP shell (warp/hyper), routes, status codes;
//! - [`backend`]: every body a backend sends or receives; [`echo`] answers when there is none;
//! - [`wxapi`]: the WeChat API client and token broker (server and CLI alike);
//! - [`wechat`]: the pure protocol core (signatures, AES, the envelope, XML, replies);
//! - [`config`]: the go-wx-gateway compatible config file;
//! - [`state`]: what must outlive one request: the retry table and the replay cache;
//! - [`metrics`]: the Prometheus registry and its series;
//! - [`upstream`], [`clock`], [`random`]: every outbound HTTP call, the wall clock and the RNG,
//!   each read in one place; [`untrusted`]: network text made safe to show;
//! - [`cli`], [`commands`], [`ui`], [`generate`], [`logging`]: the binary's parts.

pub mod backend;
pub mod cli;
pub mod clock;
pub mod commands;
pub mod config;
pub mod echo;
pub mod gateway;
pub mod generate;
pub mod logging;
pub mod metrics;
pub mod random;
pub mod state;
pub mod ui;
pub mod untrusted;
pub mod upstream;
pub mod wechat;
pub mod wxapi;
