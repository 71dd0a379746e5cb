//! Where a command's config comes from: the file it was given, or the embedded sample. Its
//! errors name that origin, worded for the commands to print as they are.

use std::path::Path;
use std::sync::Arc;

use super::{Config, ConfigError, SAMPLE, Service, UnknownService, parse};

/// A parsed config and where it came from.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The file's display path, or `embedded sample.conf.json`: for messages.
    pub origin: String,
    pub config: Config,
}

/// Why a config could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("reading config {origin}: {error}")]
    Read {
        origin: String,
        error: std::io::Error,
    },
    #[error("reading config {origin}: {error}")]
    Invalid { origin: String, error: ConfigError },
}

/// Reads and validates the config file at `path`; `None` is the embedded sample.
pub fn load(path: Option<&Path>) -> Result<Loaded, LoadError> {
    let (origin, text) = match path {
        Some(path) => {
            let origin = path.display().to_string();
            match std::fs::read_to_string(path) {
                Ok(text) => (origin, text),
                Err(error) => return Err(LoadError::Read { origin, error }),
            }
        }
        None => ("embedded sample.conf.json".to_owned(), SAMPLE.to_owned()),
    };
    match parse(&text) {
        Ok(config) => Ok(Loaded { origin, config }),
        Err(error) => Err(LoadError::Invalid { origin, error }),
    }
}

impl Loaded {
    /// [`Config::service`], with the file named in the error.
    pub fn service(&self, name: Option<&str>) -> Result<&Arc<Service>, UnknownService> {
        self.config.service(name).map_err(|e| UnknownService {
            origin: self.origin.clone(),
            ..e
        })
    }
}
