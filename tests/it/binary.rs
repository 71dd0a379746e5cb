//! The real `wx-gateway` binary: the README's run command, config checking, exit codes,
//! CONF_FILE compatibility, SIGTERM, and logs that hold no secret.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

use wx_gateway::wechat::{self, AesKey, signature};

use crate::support::*;

pub const BIN: &str = env!("CARGO_BIN_EXE_wx-gateway");
const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/sample.conf.json");

/// A running binary with its stderr collected.
pub struct Running {
    child: Child,
    pub addr: String,
    log: Arc<Mutex<Vec<String>>>,
}

impl Running {
    pub fn spawn(cmd: &mut Command) -> Running {
        let mut child = cmd
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let log = Arc::new(Mutex::new(Vec::new()));
        let (tx, rx) = mpsc::channel();
        let sink = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(i) = line.find("listening on http://") {
                    let addr: String = line[i + 20..]
                        .chars()
                        .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ':')
                        .collect();
                    let _ = tx.send(addr);
                }
                sink.lock().unwrap().push(line);
            }
        });
        let addr = rx
            .recv_timeout(Duration::from_secs(20))
            .unwrap_or_else(|_| panic!("no 'listening on' line; log: {:?}", log.lock().unwrap()));
        Running { child, addr, log }
    }

    pub fn log(&self) -> String {
        self.log.lock().unwrap().join("\n")
    }

    /// Lines of the log so far that contain `needle`.
    pub fn count(&self, needle: &str) -> usize {
        self.log
            .lock()
            .unwrap()
            .iter()
            .filter(|l| l.contains(needle))
            .count()
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// `kill -9`: no shutdown of any kind. Returns the log.
    pub fn kill9(mut self) -> String {
        let _ = self.child.kill();
        let _ = self.child.wait();
        std::thread::sleep(Duration::from_millis(100));
        self.log()
    }

    pub fn terminate(mut self) -> (Option<i32>, String) {
        let _ = Command::new("kill")
            .arg("-TERM")
            .arg(self.child.id().to_string())
            .status();
        let status = self.child.wait().unwrap();
        std::thread::sleep(Duration::from_millis(100));
        (status.code(), self.log())
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// Runs the binary to completion: (exit code, stdout, stderr).
pub fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(BIN)
        .args(args)
        .env_remove("CONF_FILE")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn temp_config(name: &str, text: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("wxg-it-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// The README's run command answers a signed, encrypted push with the sample's credentials.
#[tokio::test]
async fn sample_config_answers_a_signed_push() {
    let sample: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(SAMPLE).unwrap()).unwrap();
    let wx = &sample["services"][0]["wx-params"];
    let (token, app_id, aes) = (
        wx["token"].as_str().unwrap(),
        wx["app-id"].as_str().unwrap(),
        wx["aes-key"].as_str().unwrap(),
    );
    let gw = Running::spawn(
        Command::new(BIN)
            .args(["serve", "--config", SAMPLE, "--port", "0"])
            .env_remove("CONF_FILE"),
    );

    let key = AesKey::from_encoding_key(aes).unwrap();
    let encrypt = key.encrypt(text_xml("hello sample", 1).as_bytes(), app_id, &[5; 16]);
    let ts = now();
    let sig = signature::msg(token, &ts, "42", &encrypt);
    let res = client()
        .post(format!(
            "http://{}/wx?timestamp={ts}&nonce=42&encrypt_type=aes&msg_signature={sig}",
            gw.addr
        ))
        .body(format!(
            "<xml><ToUserName>gh_test</ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>"
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let root = wechat::xml::parse(&res.text().await.unwrap()).unwrap();
    let reply = key
        .decrypt_for(root.text_of("Encrypt").unwrap(), app_id)
        .unwrap();
    assert!(
        String::from_utf8(reply)
            .unwrap()
            .contains("<Content><![CDATA[hello sample]]></Content>")
    );
    let health = client()
        .get(format!("http://{}/health", gw.addr))
        .send()
        .await
        .unwrap();
    assert_eq!(health.status(), 200);

    let (code, log) = gw.terminate();
    assert_eq!(code, Some(0), "{log}");
    assert!(log.contains("stopped"), "{log}");
}

#[test]
fn check_validates_and_exit_codes_say_what_failed() {
    let (code, out, err) = run(&["serve", "--check", "--config", SAMPLE]);
    assert_eq!((code, out.contains("ok")), (0, true));
    // The sample has an aes-key without require-encryption: plaintext bodies are unsigned.
    assert!(err.contains("require-encryption is false"), "{err}");
    let off = temp_config(
        "window-off.json",
        r#"{"services":[{"name":"a","timeout":-1,"wx-params":{"token":"t"},"listen-endpoints":{"service-path":"/wx"}}]}"#,
    );
    let (code, _, err) = run(&["serve", "--check", "--config", off.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(err.contains("services[0].timeout is -1"), "{err}");

    let bad_key = temp_config(
        "bad-key.json",
        r#"{"services":[{"name":"a","wx-params":{"token":"t","app-id":"wx1","aes-key":"short-key12"},"listen-endpoints":{"service-path":"/wx"}}]}"#,
    );
    let (code, _, err) = run(&["serve", "--config", bad_key.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        err.contains("services[0].wx-params.aes-key: expected 43 characters, got 11"),
        "{err}"
    );
    assert!(err.starts_with("wx-gateway: error: "), "{err}");

    let unknown = temp_config(
        "unknown.json",
        r#"{"services":[{"name":"a","wx-params":{"token":"t"},"listen-endpoints":{"service-path":"/wx"},"msg-proxy-pas":"http://x"}]}"#,
    );
    let (code, _, err) = run(&["serve", "--check", "--config", unknown.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("services[0].msg-proxy-pas"), "{err}");

    let (code, _, err) = run(&["serve", "--config", "/nonexistent/wxg.json"]);
    assert_eq!(code, 2);
    assert!(err.contains("/nonexistent/wxg.json"), "{err}");

    let (code, _, _) = run(&["serve", "--no-such-flag"]);
    assert_eq!(code, 2);
    let (code, out, _) = run(&["-v"]);
    assert_eq!(code, 0);
    assert!(out.contains(env!("CARGO_PKG_VERSION")));
}

/// `CONF_FILE=… wx-gateway`, as go-wx-gateway is started; unknown keys are warned about by path.
#[tokio::test]
async fn conf_file_env_without_subcommand_and_secrets_stay_out_of_logs() {
    let be = backend(|_| Answer::json(r#"{"msg":"REPLY-BODY-TEXT"}"#)).await;
    let cfg = format!(
        r#"{{"listen-host":"127.0.0.1","listen-port":0,"log-format":"json","services":[{{"name":"acct","wx-params":{{"token":"{TOKEN}","app-id":"{APP_ID}","app-secret":"APP-SECRET-XYZ","aes-key":"{AES_KEY}"}},"listen-endpoints":{{"service-path":"/wx"}},"msg-proxy-pass":"{}","注意":"note"}}]}}"#,
        be.base()
    );
    let path = temp_config("env.json", &cfg);
    let gw = Running::spawn(
        Command::new(BIN)
            .env("CONF_FILE", &path)
            .env("RUST_LOG", "info"),
    );
    let (q, body) = safe_push(&text_xml("PRIVATE-MESSAGE-CONTENT", 5));
    let res = client()
        .post(format!("http://{}/wx?{q}", gw.addr))
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(open_reply(&res.text().await.unwrap()).contains("REPLY-BODY-TEXT"));
    let (code, log) = gw.terminate();
    assert_eq!(code, Some(0));
    // One JSON line per push, with what an operator needs.
    let line = log
        .lines()
        .find(|l| l.contains("\"message\":\"push\""))
        .unwrap_or_else(|| panic!("{log}"));
    let v: serde_json::Value = serde_json::from_str(line).unwrap();
    assert_eq!(v["service"], "acct");
    assert_eq!(v["kind"], "text");
    assert_eq!(v["outcome"], "forwarded");
    assert_eq!(v["backend_status"], 200);
    assert_eq!(v["mode"], "safe");
    assert!(v["latency_ms"].is_u64() && v["request_id"].is_string());
    assert!(log.contains("services[0].注意"), "{log}");
    for secret in [
        TOKEN,
        "APP-SECRET-XYZ",
        AES_KEY,
        "PRIVATE-MESSAGE-CONTENT",
        "REPLY-BODY-TEXT",
    ] {
        assert!(
            !log.contains(secret),
            "{secret} leaked into the log:\n{log}"
        );
    }
}
