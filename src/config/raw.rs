//! The config file's shape as serde types: every key under its JSON name, every value optional
//! (null and absent are the same). Only shapes are checked here; what values mean is checked
//! in `service` and `routes`. The values are `leaf` types, `serde_path_to_error` puts the key's
//! path in front of their messages, and `serde_ignored` lists the keys nobody knows.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use super::leaf::{Flag, Int, Text, given};
use super::{ConfigError, Endpoint, err};

/// The whole file.
#[derive(Default, Deserialize)]
#[serde(default, rename_all = "kebab-case")]
pub struct RawConfig {
    pub listen_host: Option<Text>,
    pub listen_port: Option<Int>,
    pub log_format: Option<Text>,
    pub metrics_listen: Option<Text>,
    pub wechat_api_base: Option<Text>,
    pub wechat_open_base: Option<Text>,
    pub token_cache_dir: Option<Text>,
    pub admin_token: Option<Text>,
    pub api_proxy_path: Option<Text>,
    pub dedupe_capacity: Option<Int>,
    pub replay_cache_capacity: Option<Int>,
    pub trusted_proxies: Option<Value>,
    pub shutdown_delay_ms: Option<Int>,
    pub redis: Option<Text>,
    pub redis_prefix: Option<Text>,
    pub redis_claim_timeout_ms: Option<Int>,
    /// Accepted for compatibility: wx-gateway never calls user/info per push by default.
    pub dont_append_userinfo: Option<Flag>,
    #[serde(deserialize_with = "object")]
    pub common_endpoints: Option<RawCommonEndpoints>,
    #[serde(deserialize_with = "objects")]
    pub services: Option<Vec<RawService>>,
    #[serde(deserialize_with = "object")]
    pub spool: Option<RawSpool>,
}

/// `spool`.
#[derive(Default, Deserialize)]
#[serde(default, rename_all = "kebab-case")]
pub struct RawSpool {
    pub dir: Option<Text>,
    pub max_age: Option<Int>,
    pub retry_base_ms: Option<Int>,
    pub retry_cap_ms: Option<Int>,
    pub redelivery_timeout_ms: Option<Int>,
    pub breaker: Option<Flag>,
    pub probe_interval_ms: Option<Int>,
    pub drain_rate: Option<Int>,
    pub drain_concurrency: Option<Int>,
    pub poison_after: Option<Int>,
}

/// One entry of `services`.
#[derive(Default, Deserialize)]
#[serde(default, rename_all = "kebab-case")]
pub struct RawService {
    pub name: Option<Text>,
    #[serde(deserialize_with = "object")]
    pub wx_params: Option<RawWxParams>,
    #[serde(deserialize_with = "object")]
    pub listen_endpoints: Option<RawListenEndpoints>,
    pub msg_proxy_pass: Option<Text>,
    #[serde(rename = "workerNum")]
    pub worker_num: Option<Int>,
    pub timeout: Option<Int>,
    pub backend_timeout_ms: Option<Int>,
    pub max_body_bytes: Option<Int>,
    pub require_encryption: Option<Flag>,
    pub token_api: Option<Text>,
    pub menu_handler: Option<Text>,
    pub redirect_url: Option<Text>,
    pub redirect_userinfo_flag: Option<Text>,
    pub append_userinfo: Option<Flag>,
    pub is_channels_ec: Option<Flag>,
    pub hold_for_retries: Option<Flag>,
    pub late_reply: Option<Text>,
    pub late_reply_timeout_ms: Option<Int>,
    pub backend_signing_secret: Option<OneOrMany>,
}

/// A string, or a list of strings.
#[derive(Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    One(Text),
    Many(Vec<Text>),
}

/// `services[i].wx-params`.
#[derive(Default, Deserialize)]
#[serde(default, rename_all = "kebab-case")]
pub struct RawWxParams {
    pub token: Option<Text>,
    pub app_id: Option<Text>,
    pub app_secret: Option<Text>,
    pub aes_key: Option<Text>,
    pub previous_token: Option<Text>,
    pub previous_aes_key: Option<Text>,
}

/// `services[i].listen-endpoints`.
#[derive(Default, Deserialize)]
#[serde(default, rename_all = "kebab-case")]
pub struct RawListenEndpoints {
    pub service_path: Option<Text>,
    pub redirect_path: Option<Text>,
}

/// `common-endpoints`. The endpoints' keys come from [`super::endpoint::ENDPOINTS`], so that
/// a new endpoint is one row there rather than a field here too.
#[derive(Default)]
pub struct RawCommonEndpoints {
    pub health_check: Option<Text>,
    pub paths: BTreeMap<Endpoint, Text>,
    /// The channels-ec keys that were given (accepted, not implemented), in a fixed order.
    pub channels_ec: Vec<&'static str>,
}

/// go-wx-gateway's keys for its channels-ec (WeChat shop) endpoints.
const CHANNELS_EC_KEYS: [&str; 2] = ["channels-ec-order-detail", "channels-ec-refund-detail"];

impl<'de> Deserialize<'de> for RawCommonEndpoints {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Keys;
        impl<'de> Visitor<'de> for Keys {
            type Value = RawCommonEndpoints;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = RawCommonEndpoints::default();
                while let Some(key) = map.next_key::<String>()? {
                    if key == "health-check" {
                        out.health_check = map.next_value()?;
                    } else if let Some(e) = Endpoint::from_key(&key) {
                        if let Some(path) = map.next_value::<Option<Text>>()? {
                            out.paths.insert(e, path);
                        }
                    } else if let Some(k) = CHANNELS_EC_KEYS.iter().find(|k| **k == key) {
                        if given(map.next_value()?).is_some() {
                            out.channels_ec.push(*k);
                        }
                    } else {
                        // Reported by serde_ignored, like an unknown field of a derived struct.
                        map.next_value::<IgnoredAny>()?;
                    }
                }
                out.channels_ec.sort();
                Ok(out)
            }
        }
        d.deserialize_map(Keys)
    }
}

/// Reads config text into its shape, and the paths of the keys nobody knows.
pub fn read(text: &str) -> Result<(RawConfig, Vec<String>), ConfigError> {
    // Through a `Value` first: messages then carry no line and column (the key path says
    // where), and a repeated key keeps its last value.
    let value: Value =
        serde_json::from_str(text).map_err(|e| err("(file)", format!("not valid JSON: {e}")))?;
    let mut unknown = Vec::new();
    let mut note = |path: serde_ignored::Path<'_>| unknown.push(ignored_path(&path));
    let de = serde_ignored::Deserializer::new(&value, &mut note);
    let raw = serde_path_to_error::deserialize::<_, Obj<RawConfig>>(de).map_err(|e| {
        // The root's path is "" (serde_path_to_error writes "."), as in ": expected an object".
        let path = if e.path().iter().next().is_none() {
            String::new()
        } else {
            e.path().to_string()
        };
        err(&path, e.into_inner().to_string())
    })?;
    Ok((raw.0, unknown))
}

/// `services[0].wx-params2`, as serde_path_to_error writes paths (serde_ignored would write
/// `services.0.wx-params2`).
fn ignored_path(path: &serde_ignored::Path<'_>) -> String {
    use serde_ignored::Path;
    match path {
        Path::Root => String::new(),
        Path::Seq { parent, index } => format!("{}[{index}]", ignored_path(parent)),
        Path::Map { parent, key } => match ignored_path(parent) {
            p if p.is_empty() => key.clone(),
            p => format!("{p}.{key}"),
        },
        Path::Some { parent }
        | Path::NewtypeStruct { parent }
        | Path::NewtypeVariant { parent } => ignored_path(parent),
    }
}

/// A key holding an object; null is absent.
fn object<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Obj<T>>::deserialize(d)?.map(|Obj(t)| t))
}

/// A key holding an array of objects; null is absent.
fn objects<'de, D, T>(d: D) -> Result<Option<Vec<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<List<T>>::deserialize(d)?.map(|List(v)| v))
}

/// An object read as `T`. Serde's own message for a wrong type ("invalid type: string "x",
/// expected struct RawService") is replaced by the one users know.
struct Obj<T>(T);

/// An array of objects, each read as `T`.
struct List<T>(Vec<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Obj<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(Shape::<Obj<T>>(PhantomData))
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for List<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(Shape::<List<T>>(PhantomData))
    }
}

/// The visitor of [`Obj`] and [`List`]: the right JSON type is read, every other one fails
/// with `S`'s message.
struct Shape<S>(PhantomData<S>);

/// What [`Shape`] does with the one JSON type it wants.
trait Wanted<'de>: Sized {
    const MESSAGE: &'static str;
    fn from_map<A: MapAccess<'de>>(_map: A) -> Result<Self, A::Error> {
        Err(de::Error::custom(Self::MESSAGE))
    }
    fn from_seq<A: SeqAccess<'de>>(_seq: A) -> Result<Self, A::Error> {
        Err(de::Error::custom(Self::MESSAGE))
    }
}

impl<'de, T: Deserialize<'de>> Wanted<'de> for Obj<T> {
    const MESSAGE: &'static str = "expected an object";
    fn from_map<A: MapAccess<'de>>(map: A) -> Result<Self, A::Error> {
        T::deserialize(de::value::MapAccessDeserializer::new(map)).map(Obj)
    }
}

impl<'de, T: Deserialize<'de>> Wanted<'de> for List<T> {
    const MESSAGE: &'static str = "expected an array";
    fn from_seq<A: SeqAccess<'de>>(mut seq: A) -> Result<Self, A::Error> {
        let mut items = Vec::new();
        while let Some(Obj(item)) = seq.next_element::<Obj<T>>()? {
            items.push(item);
        }
        Ok(List(items))
    }
}

impl<'de, S: Wanted<'de>> Visitor<'de> for Shape<S> {
    type Value = S;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(S::MESSAGE)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<S, A::Error> {
        S::from_map(map)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<S, A::Error> {
        S::from_seq(seq)
    }
    fn visit_unit<E: de::Error>(self) -> Result<S, E> {
        Err(E::custom(S::MESSAGE))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<S, E> {
        Err(E::custom(S::MESSAGE))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<S, E> {
        Err(E::custom(S::MESSAGE))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<S, E> {
        Err(E::custom(S::MESSAGE))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<S, E> {
        Err(E::custom(S::MESSAGE))
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<S, E> {
        Err(E::custom(S::MESSAGE))
    }
}
