//! The one integration-test binary: the real gateway on 127.0.0.1:0 against real HTTP backends,
//! and the real `wx-gateway` binary for the command line.

mod api;
mod binary;
mod cluster;
mod commands_cli;
mod delivery;
mod fake_wechat;
mod hardening;
mod metrics;
mod oauth;
mod push;
mod reload;
mod rotation;
mod security;
mod shared_tokens;
mod signing;
mod simulate_cli;
mod spool_cli;
mod support;
mod tools;
