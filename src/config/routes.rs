//! The config's URL paths and URLs: what each may look like, and that no two routes of the
//! gateway claim the same path (the router matches paths exactly, so a clash would silently
//! hide one of them).

use std::collections::BTreeSet;
use std::sync::Arc;

use url::Url;

use super::{ConfigError, Endpoint, Service, err};

/// Served whatever the config says.
const HEALTHZ: &str = "/healthz";
/// Readiness (503 while draining): always served.
const READYZ: &str = "/readyz";

/// An absolute URL path; one trailing slash is dropped (`/wx/` and `/wx` are the same route).
pub fn path(key: &str, value: &str) -> Result<String, ConfigError> {
    if !value.starts_with('/') {
        return Err(err(key, format!("{value:?} must start with '/'")));
    }
    if value.contains(['?', '#', ' ']) || value.contains("//") {
        return Err(err(key, format!("{value:?} is not a plain URL path")));
    }
    let trimmed = value
        .strip_suffix('/')
        .filter(|s| !s.is_empty())
        .unwrap_or(value);
    Ok(trimmed.to_owned())
}

/// An absolute http(s) URL with a host and no query or fragment. Trailing slashes are dropped
/// before parsing, so `http://h/base/` is `http://h/base` (a base that paths are appended to).
pub fn url(key: &str, value: &str) -> Result<Url, ConfigError> {
    let rest = value
        .strip_prefix("http://")
        .or_else(|| value.strip_prefix("https://"))
        .ok_or_else(|| err(key, format!("{value:?} is not an http:// or https:// URL")))?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let invalid = || err(key, format!("{value:?} is not a valid URL"));
    if host.is_empty() || value.contains(char::is_whitespace) {
        return Err(invalid());
    }
    if value.contains(['?', '#']) {
        return Err(err(
            key,
            format!("{value:?}: a base URL cannot have a query or fragment"),
        ));
    }
    Url::parse(value.trim_end_matches('/')).map_err(|_| invalid())
}

/// Every path is served by one route only: `/healthz`, health-check and the fixed endpoints
/// first, then the configured endpoints, api-proxy-path and each service's paths; and the
/// pass-through's prefix hides no other route.
pub fn check_unique(
    health_check: Option<&str>,
    endpoints: &[(Endpoint, String)],
    api_proxy_path: Option<&str>,
    services: &[Arc<Service>],
) -> Result<(), ConfigError> {
    let mut paths = BTreeSet::new();
    paths.insert(HEALTHZ.to_owned());
    if health_check == Some(READYZ) {
        return Err(err(
            "common-endpoints.health-check",
            format!("{READYZ:?} is the readiness check's own path"),
        ));
    }
    paths.insert(READYZ.to_owned());
    paths.extend(health_check.map(str::to_owned));
    let fixed = endpoints.iter().filter(|(e, _)| e.key().is_none());
    paths.extend(fixed.map(|(_, p)| p.clone()));

    let keyed = endpoints
        .iter()
        .filter_map(|(e, p)| Some((format!("common-endpoints.{}", e.key()?), p.as_str())));
    let proxy = api_proxy_path.map(|p| ("api-proxy-path".to_owned(), p));
    for (key, p) in keyed.chain(proxy) {
        if !paths.insert(p.to_owned()) {
            return Err(err(
                &key,
                format!("{p:?} is already used by another endpoint"),
            ));
        }
    }

    let mut names = BTreeSet::new();
    for (i, s) in services.iter().enumerate() {
        if !names.insert(s.name.as_str()) {
            return Err(err(
                &format!("services[{i}].name"),
                format!("{:?} is used by another service", s.name),
            ));
        }
        for (key, p) in [
            ("service-path", Some(&s.service_path)),
            ("redirect-path", s.redirect_path.as_ref()),
        ] {
            if let Some(p) = p
                && !paths.insert(p.clone())
            {
                return Err(err(
                    &format!("services[{i}].listen-endpoints.{key}"),
                    format!("{p:?} is already used by another service or endpoint"),
                ));
            }
        }
    }

    if let Some(prefix) = api_proxy_path
        && let Some(clash) = paths
            .iter()
            .find(|p| *p != prefix && p.starts_with(&format!("{prefix}/")))
    {
        return Err(err(
            "api-proxy-path",
            format!("{prefix:?} would hide {clash:?}"),
        ));
    }
    Ok(())
}
