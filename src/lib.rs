//! wx-gateway: a WeChat Official Account gateway. WeChat's signed, encrypted XML pushes become
//! plain JSON POSTs to ordinary web backends, and their JSON answers become passive replies.
//!
//! Layout: [`wechat`] is the pure protocol core, [`backend`] owns the backend JSON contract,
//! [`gateway`] is the HTTP shell, [`config`] reads the go-wx-gateway compatible config file.

pub mod backend;
pub mod cli;
pub mod commands;
pub mod config;
pub mod echo;
pub mod gateway;
pub mod generate;
pub mod logging;
pub mod ui;
pub mod wechat;
