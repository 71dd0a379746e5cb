//! The command line: clap types only, no behaviour.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// A WeChat Official Account (微信公众号) gateway: verifies and decrypts WeChat's pushes and
/// turns them into plain JSON POSTs to your backend, and the backend's JSON answers into
/// signed, encrypted passive replies. Also plays WeChat against a gateway (simulate), decrypts
/// captured payloads (decrypt) and builds OAuth menu links (menu-url).
#[derive(Debug, Parser)]
#[command(
    name = "wx-gateway",
    version,
    disable_version_flag = true,
    propagate_version = true
)]
pub struct Cli {
    /// Print the version and exit.
    // Not global: `simulate -v` is --verbose, as in curl and xh.
    #[arg(short = 'v', short_alias = 'V', long = "version", action = clap::ArgAction::Version)]
    pub version: (),

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the gateway.
    ///
    /// The default when no subcommand is given, as go-wx-gateway ran.
    Serve(ServeArgs),
    /// Play WeChat against a running gateway.
    ///
    /// Sign (and encrypt) a push, send it to a running gateway, verify and show the reply.
    /// Exit 0 ok, 1 check failed, 2 usage or config error.
    Simulate(SimulateArgs),
    /// Decrypt a captured payload, offline.
    ///
    /// A push, a reply, a bare Encrypt string or a raw HTTP request. The decrypted XML goes to standard output, alone, so that `decrypt r.xml > plain.xml`
    /// is XML; what was found (payload kind, AppID, signature status) goes to standard error,
    /// or everything into one JSON object with --json.
    #[command(after_help = DECRYPT_EXAMPLES)]
    Decrypt(DecryptArgs),
    /// Build OAuth links for menu buttons.
    ///
    /// The link of one button (--state), optionally as a QR code, or a whole menu's JSON
    /// (--menu).
    #[command(after_help = MENU_URL_EXAMPLES)]
    MenuUrl(MenuUrlArgs),
    /// Manage an account's custom menu.
    ///
    /// Create, show or delete it through the WeChat API.
    #[command(after_help = MENU_EXAMPLES)]
    Menu(MenuArgs),
    /// Print an account's access_token.
    ///
    /// From the token cache, or freshly fetched.
    #[command(after_help = TOKEN_EXAMPLES)]
    Token(TokenArgs),
    /// Inspect and change the spool: the pushes waiting for redelivery and the dead letters;
    /// pause and resume a service's delivery.
    ///
    /// The pushes the backend did not take wait in <spool.dir>/spool.db until `serve`
    /// redelivers them; those older than spool.max-age move to the dead letters. This command
    /// only changes the spool (serve does the delivering, and picks a replay or a pause up
    /// within about a second); it works while serve runs. Exit 0 ok, 1 not found or failed, 2 usage or config
    /// error.
    #[command(after_help = SPOOL_EXAMPLES)]
    Spool(SpoolArgs),
    /// Make a running gateway reload its config (SIGHUP).
    ///
    /// Sends SIGHUP to the gateway named by the pid file of `serve --pid-file`. The gateway
    /// reads its config file again, validates all of it and swaps it in at once (pushes in
    /// flight finish with the old one), or refuses it with one log line and keeps serving the
    /// one in use; wxgw_config_reloads_total{result} counts both. Exit 0 signalled, 1 the
    /// process is gone or is not wx-gateway, 2 usage error or an invalid --config.
    #[command(after_help = RELOAD_EXAMPLES)]
    Reload(ReloadArgs),
    /// Print a shell completion script.
    #[command(after_help = COMPLETIONS_EXAMPLES)]
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Write a starter config.
    ///
    /// Every key of the README's config reference, with placeholder values and `${NAME}`
    /// environment variables for the secrets (token, app-secret, aes-key, admin-token); one
    /// echo-mode account on 127.0.0.1:7080. An existing file is never overwritten.
    #[command(after_help = INIT_EXAMPLES)]
    Init {
        /// Where to write it; - for standard output.
        #[arg(default_value = "conf.json", value_name = "FILE")]
        file: PathBuf,
    },
}

// The examples at the end of each command's --help (and in its man page's EXAMPLES): the
// README's best ones, so that the help answers "how do I start" without the README. Lines stay
// under 80 columns: clap wraps longer ones mid-command.
const DECRYPT_EXAMPLES: &str = "\
Examples:
  wx-gateway decrypt --config conf.json capture.xml \\
      --query 'timestamp=…&nonce=…&msg_signature=…'
  wx-gateway decrypt --aes-key K --token T < request.txt > plain.xml
  echo 'jn1L23DB…' | wx-gateway decrypt --aes-key K --json";

const MENU_URL_EXAMPLES: &str = "\
Examples:
  wx-gateway menu-url --app-id wx… --state menu_1 \\
      --redirect https://wx.example.com/redirect
  wx-gateway menu-url --config conf.json --host https://wx.example.com \\
      --state me --scope userinfo --qr
  wx-gateway menu-url --config conf.json --host https://wx.example.com \\
      --menu buttons.json > menu.json";

const MENU_EXAMPLES: &str = "\
Examples:
  wx-gateway menu --config conf.json get > menu.json    # edit it, then:
  wx-gateway menu --config conf.json create menu.json
  wx-gateway menu --config conf.json delete";

const TOKEN_EXAMPLES: &str = "\
Examples:
  wx-gateway token --config conf.json
  wx-gateway token --config conf.json --service shop --json";

const RELOAD_EXAMPLES: &str = "\
Examples:
  wx-gateway serve --config conf.json --pid-file /run/wx-gateway.pid &
  wx-gateway reload --pid-file /run/wx-gateway.pid --config conf.json
  kill -HUP \"$(cat /run/wx-gateway.pid)\"   # the same, without the check";

const SPOOL_EXAMPLES: &str = "\
Examples:
  wx-gateway spool --config conf.json stats
  wx-gateway spool --config conf.json list --dead --service main
  wx-gateway spool --config conf.json show 3f2a9c     # an id or its first 6+ characters
  wx-gateway spool --config conf.json replay --dead --service main \\
      --since 2h --kind text --dry-run
  wx-gateway spool --config conf.json pause --service main  # backend deploy
  wx-gateway spool --config conf.json resume --service main
  wx-gateway spool --dir /var/lib/wx-gateway/spool drop --dead --older-than 7d";

const COMPLETIONS_EXAMPLES: &str = "\
Examples:
  wx-gateway completions bash \\
      > ~/.local/share/bash-completion/completions/wx-gateway
  wx-gateway completions zsh > \"${fpath[1]}/_wx-gateway\"
  wx-gateway completions fish > ~/.config/fish/completions/wx-gateway.fish";

const INIT_EXAMPLES: &str = "\
Examples:
  wx-gateway init                    # writes conf.json
  export WXG_TOKEN=… WXG_APP_SECRET=… WXG_AES_KEY=… WXG_ADMIN_TOKEN=…
  wx-gateway serve --check --config conf.json
  wx-gateway init - | less           # only look at it";

#[derive(Debug, Args, Default)]
pub struct ServeArgs {
    /// Config file (go-wx-gateway's JSON format). Without it and without CONF_FILE, the
    /// embedded sample.conf.json runs: one echo-mode account on 127.0.0.1:7080.
    #[arg(short, long, env = "CONF_FILE", value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Validate the config and exit: 0 when valid, 2 on any error. Unknown keys are errors here.
    #[arg(long)]
    pub check: bool,

    /// Override the config's listen-port (0 picks a free port; the address is logged).
    #[arg(long, value_name = "PORT")]
    pub port: Option<u16>,

    /// Write the process id to FILE once serving (removed at exit), for `wx-gateway reload
    /// --pid-file FILE` and systemd's PIDFile=. SIGHUP reloads the config either way.
    #[arg(long, value_name = "FILE")]
    pub pid_file: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ReloadArgs {
    /// The pid file `serve --pid-file` wrote.
    #[arg(long, value_name = "FILE")]
    pub pid_file: PathBuf,

    /// Validate this config first (as `serve --check` does, unknown keys only warned about),
    /// and signal nothing when it is invalid. Give the file the gateway runs with.
    #[arg(short, long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// When to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ColorChoice {
    /// Colour on a terminal unless NO_COLOR is set.
    #[default]
    Auto,
    Always,
    Never,
}

/// Output options shared by the tools.
#[derive(Debug, Args, Clone, Default)]
pub struct OutputArgs {
    /// Colour: auto (terminal, no NO_COLOR), always or never.
    #[arg(long, value_enum, global = true, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Print one JSON object instead of text (for scripts).
    #[arg(long, global = true)]
    pub json: bool,
}

/// Which account: from the config file, overridden by explicit flags.
#[derive(Debug, Args, Clone, Default)]
pub struct AccountArgs {
    /// Config file to take the account from (the one `serve` reads).
    #[arg(short, long, env = "CONF_FILE", global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Service (account) name in the config; the first service by default.
    #[arg(short, long, global = true, value_name = "NAME")]
    pub service: Option<String>,

    /// WeChat Token (overrides the config).
    #[arg(long, global = true, value_name = "TOKEN")]
    pub token: Option<String>,

    /// EncodingAESKey, 43 characters (overrides the config).
    #[arg(long, global = true, value_name = "KEY")]
    pub aes_key: Option<String>,

    /// AppID (overrides the config).
    #[arg(long, global = true, value_name = "APPID")]
    pub app_id: Option<String>,
}

/// How a push is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Mode {
    /// Plaintext XML, `signature` only.
    Plain,
    /// Plaintext fields and `<Encrypt>` side by side.
    Compat,
    /// Only `<Encrypt>`.
    Safe,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  wx-gateway simulate text hi                      # the embedded sample, 127.0.0.1:7080
  wx-gateway simulate text hi --config conf.json --expect-text '^hi$'
  wx-gateway simulate click --key MENU_1 --json
  wx-gateway simulate text hi --count 1000 --concurrency 32
  wx-gateway simulate text hi --dry-run            # the signed request as curl; nothing sent")]
pub struct SimulateArgs {
    #[command(flatten)]
    pub account: AccountArgs,

    #[command(flatten)]
    pub output: OutputArgs,

    /// Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path>
    /// of the config). Anywhere on the line; without a scheme, http:// is meant.
    #[arg(long, global = true, value_name = "URL")]
    pub url: Option<String>,

    /// plain, compat or safe (default safe when an aes-key is known, else plain).
    #[arg(long, value_enum, global = true)]
    pub mode: Option<Mode>,

    /// The user's openid (FromUserName).
    #[arg(
        long,
        global = true,
        default_value = "oSIMULATEDUSER0000000000000",
        value_name = "OPENID"
    )]
    pub from: String,

    /// The account's original id (ToUserName).
    #[arg(
        long,
        global = true,
        default_value = "gh_simulated000",
        value_name = "ID"
    )]
    pub to: String,

    /// MsgId of a message (default: a fresh one from the clock).
    #[arg(long, global = true, value_name = "ID")]
    pub msg_id: Option<u64>,

    /// Re-send the identical push N more times, as WeChat does when it gets no answer.
    #[arg(
        long,
        global = true,
        default_value_t = 0,
        value_name = "N",
        conflicts_with = "count"
    )]
    pub retries: u32,

    /// Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary.
    #[arg(long, global = true, default_value_t = 1, value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub count: u32,

    /// With --count: pushes in flight at once (1 to 1024).
    #[arg(long, global = true, default_value_t = 8, value_name = "C",
          value_parser = clap::value_parser!(u32).range(1..=1024))]
    pub concurrency: u32,

    /// Print the signed request (as a curl command; with --json as JSON) instead of sending it.
    #[arg(long, global = true)]
    pub dry_run: bool,

    /// Also print the signed request (method, URL, body) and the reply's full decrypted XML.
    #[arg(short, long, global = true)]
    pub verbose: bool,

    /// Fail (exit 1) unless the reply's text matches this regular expression.
    #[arg(long, global = true, value_name = "REGEX")]
    pub expect_text: Option<String>,

    /// Fail unless the reply's MsgType is TYPE.
    #[arg(long, global = true, value_name = "TYPE", value_parser = [
        "text", "image", "voice", "video", "music", "news", "transfer_customer_service", "success",
    ])]
    pub expect_type: Option<String>,

    /// Fail unless the HTTP status is CODE (default: fail on anything but 200).
    #[arg(long, global = true, value_name = "CODE")]
    pub expect_status: Option<u16>,

    /// Pass even when the gateway says its backend did not take the push
    /// (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails,
    /// though WeChat is answered `success`.
    #[arg(long, global = true)]
    pub allow_backend_error: bool,

    /// Seconds to wait for the gateway's answer (1 to 3600).
    #[arg(long, global = true, default_value_t = 10, value_name = "SECS",
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub timeout: u64,

    #[command(subcommand)]
    pub push: PushKind,
}

#[derive(Debug, Subcommand, Clone)]
pub enum PushKind {
    /// The GET echostr handshake of the server configuration page.
    Verify,
    /// A text message.
    Text {
        /// The text.
        content: String,
    },
    /// An image message.
    Image {
        /// The media id (MediaId).
        #[arg(long, default_value = "SIMULATED_IMAGE_MEDIA_ID")]
        media_id: String,
        /// The picture's URL (PicUrl).
        #[arg(long, default_value = "http://mmbiz.qpic.cn/simulated.jpg")]
        pic_url: String,
    },
    /// A voice message.
    Voice {
        /// The media id (MediaId).
        #[arg(long, default_value = "SIMULATED_VOICE_MEDIA_ID")]
        media_id: String,
        /// The audio format (Format).
        #[arg(long, default_value = "amr")]
        format: String,
        /// Speech recognition result.
        #[arg(long, default_value = "")]
        recognition: String,
    },
    /// A video message.
    Video {
        /// The media id (MediaId).
        #[arg(long, default_value = "SIMULATED_VIDEO_MEDIA_ID")]
        media_id: String,
        /// The thumbnail's media id (ThumbMediaId).
        #[arg(long, default_value = "SIMULATED_THUMB_MEDIA_ID")]
        thumb_media_id: String,
    },
    /// A short video message.
    Shortvideo {
        /// The media id (MediaId).
        #[arg(long, default_value = "SIMULATED_VIDEO_MEDIA_ID")]
        media_id: String,
        /// The thumbnail's media id (ThumbMediaId).
        #[arg(long, default_value = "SIMULATED_THUMB_MEDIA_ID")]
        thumb_media_id: String,
    },
    /// A location message.
    Location {
        /// Latitude.
        #[arg(long, default_value = "23.134521", allow_hyphen_values = true)]
        lat: String,
        /// Longitude.
        #[arg(long, default_value = "113.358803", allow_hyphen_values = true)]
        lng: String,
        /// Map zoom level (Scale).
        #[arg(long, default_value_t = 20)]
        scale: u32,
        /// The place's name (Label).
        #[arg(long, default_value = "广州市天河区")]
        label: String,
    },
    /// A link message.
    Link {
        /// The link's title.
        #[arg(long, default_value = "A link")]
        title: String,
        /// The link's description.
        #[arg(long, default_value = "simulated link")]
        description: String,
        /// The linked URL (`--url` is the gateway's).
        #[arg(long, default_value = "https://example.com/", value_name = "URL")]
        link_url: String,
    },
    /// A subscribe (follow) event.
    Subscribe {
        /// QR scene of a scan-to-follow (sent as EventKey qrscene_<S> with a Ticket).
        #[arg(long)]
        scene: Option<String>,
    },
    /// An unsubscribe event.
    Unsubscribe,
    /// A SCAN event (a follower scanned a parameter QR code).
    Scan {
        /// The QR code's scene (EventKey).
        #[arg(long, default_value = "123")]
        scene: String,
    },
    /// A CLICK menu event.
    Click {
        /// The menu button's key (EventKey).
        #[arg(long, default_value = "SIMULATED_KEY")]
        key: String,
    },
    /// A VIEW menu event.
    View {
        /// The menu button's URL, sent as EventKey (`--url` is the gateway's).
        #[arg(long, default_value = "https://example.com/", value_name = "URL")]
        view_url: String,
    },
    /// A LOCATION report event.
    LocationReport {
        /// Latitude.
        #[arg(long, default_value = "23.137466", allow_hyphen_values = true)]
        lat: String,
        /// Longitude.
        #[arg(long, default_value = "113.352425", allow_hyphen_values = true)]
        lng: String,
        /// Accuracy in metres (Precision).
        #[arg(long, default_value = "119.385040")]
        precision: String,
    },
    /// A scancode_push menu event.
    ScancodePush {
        /// The menu button's key (EventKey).
        #[arg(long, default_value = "SIMULATED_KEY")]
        key: String,
        /// What the scan read (ScanResult).
        #[arg(long, default_value = "https://example.com/qr")]
        result: String,
    },
    /// A scancode_waitmsg menu event.
    ScancodeWaitmsg {
        /// The menu button's key (EventKey).
        #[arg(long, default_value = "SIMULATED_KEY")]
        key: String,
        /// What the scan read (ScanResult).
        #[arg(long, default_value = "https://example.com/qr")]
        result: String,
    },
    /// A pic_sysphoto menu event.
    PicSysphoto {
        /// The menu button's key (EventKey).
        #[arg(long, default_value = "SIMULATED_KEY")]
        key: String,
        /// How many pictures were sent (Count).
        #[arg(long, default_value_t = 1)]
        pics: u32,
    },
    /// A pic_photo_or_album menu event.
    PicPhotoOrAlbum {
        /// The menu button's key (EventKey).
        #[arg(long, default_value = "SIMULATED_KEY")]
        key: String,
        /// How many pictures were sent (Count).
        #[arg(long, default_value_t = 1)]
        pics: u32,
    },
    /// A pic_weixin menu event.
    PicWeixin {
        /// The menu button's key (EventKey).
        #[arg(long, default_value = "SIMULATED_KEY")]
        key: String,
        /// How many pictures were sent (Count).
        #[arg(long, default_value_t = 1)]
        pics: u32,
    },
    /// A location_select menu event.
    LocationSelect {
        /// The menu button's key (EventKey).
        #[arg(long, default_value = "SIMULATED_KEY")]
        key: String,
        /// The place's name (Label).
        #[arg(long, default_value = "广州市海珠区")]
        label: String,
    },
    /// A TEMPLATESENDJOBFINISH event.
    TemplateFinish {
        /// The job's Status.
        #[arg(long, default_value = "success")]
        status: String,
    },
    /// A MASSSENDJOBFINISH event.
    MassFinish {
        /// The job's Status.
        #[arg(long, default_value = "send success")]
        status: String,
    },
    /// Any XML push, from FILE or standard input (-). Sent as is (encrypted in compat/safe mode).
    Raw {
        /// The XML file, or - for standard input.
        file: PathBuf,
    },
}

#[derive(Debug, Args)]
pub struct DecryptArgs {
    #[command(flatten)]
    pub account: AccountArgs,

    #[command(flatten)]
    pub output: OutputArgs,

    /// The query string of the push (signature=…&timestamp=…&nonce=…&msg_signature=…), to
    /// verify msg_signature. A captured HTTP request carries its own.
    #[arg(long, value_name = "QUERY")]
    pub query: Option<String>,

    /// The captured payload; standard input when absent or -.
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
}

/// OAuth scope of a menu link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Scope {
    /// snsapi_base: silent, openid only.
    #[default]
    Base,
    /// snsapi_userinfo: asks the user, gives nickname and avatar.
    Userinfo,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("what").required(true).args(["state", "menu"])))]
pub struct MenuUrlArgs {
    /// Config file to take the AppID and redirect-path from (the one `serve` reads).
    #[arg(short, long, env = "CONF_FILE", value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Service (account) name in the config; the first service by default.
    #[arg(short, long, value_name = "NAME")]
    pub service: Option<String>,

    /// AppID (overrides the config).
    #[arg(long, value_name = "APPID")]
    pub app_id: Option<String>,

    #[command(flatten)]
    pub output: OutputArgs,

    /// The state WeChat hands back to the redirect (which menu item): up to 128 of A-Z a-z 0-9 _ -.
    #[arg(long, value_name = "STATE")]
    pub state: Option<String>,

    /// base or userinfo.
    #[arg(long, value_enum, default_value_t = Scope::Base)]
    pub scope: Scope,

    /// The absolute redirect URL (default: --host plus the service's redirect-path).
    #[arg(long, value_name = "URL")]
    pub redirect: Option<String>,

    /// Public origin of the gateway, e.g. https://wx.example.com (with the config's redirect-path).
    #[arg(long, value_name = "ORIGIN")]
    pub host: Option<String>,

    /// WeChat's OAuth origin.
    #[arg(
        long,
        default_value = "https://open.weixin.qq.com",
        value_name = "ORIGIN"
    )]
    pub open_base: String,

    /// Also draw the link as a QR code in the terminal (scan it with WeChat). Drawn light on
    /// dark unless COLORFGBG says the background is light.
    #[arg(long, conflicts_with = "json")]
    pub qr: bool,

    /// Swap the QR code's colours (for a light terminal that COLORFGBG does not announce).
    #[arg(long, requires = "qr")]
    pub qr_invert: bool,

    /// Turn a menu file into WeChat's menu JSON: buttons with a `state` become OAuth links
    /// ({"name","state","scope"?,"redirect"?}); buttons with a WeChat `type` (click, view,
    /// miniprogram, scancode_*, pic_*, location_select, media_id, article_id, …) are checked
    /// and kept; FILE is a list of buttons or {"button": […]}, - for standard input.
    #[arg(long, value_name = "FILE", conflicts_with = "qr")]
    pub menu: Option<PathBuf>,
}

/// The account of an API command: it needs the config's app-secret.
#[derive(Debug, Args, Clone)]
pub struct ApiAccountArgs {
    /// Config file (the one `serve` reads); required.
    #[arg(short, long, env = "CONF_FILE", global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Service (account) name in the config; the first service by default.
    #[arg(short, long, global = true, value_name = "NAME")]
    pub service: Option<String>,

    /// Print one JSON object instead of text.
    #[arg(long, global = true)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct MenuArgs {
    #[command(flatten)]
    pub account: ApiAccountArgs,

    #[command(subcommand)]
    pub action: MenuAction,
}

#[derive(Debug, Subcommand)]
pub enum MenuAction {
    /// Create the menu from FILE: WeChat's menu JSON ({"button": […]}, e.g. from
    /// `menu-url --menu`) or what `menu get` printed.
    Create {
        /// The menu JSON file, or - for standard input.
        file: PathBuf,
    },
    /// Show the menu: WeChat's answer, which `menu create` takes back.
    Get,
    /// Delete the menu.
    Delete,
}

#[derive(Debug, Args)]
pub struct TokenArgs {
    #[command(flatten)]
    pub account: ApiAccountArgs,
}

#[derive(Debug, Args)]
pub struct SpoolArgs {
    /// Config file to take spool.dir from (the one `serve` reads).
    #[arg(short, long, env = "CONF_FILE", global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// The spool directory, the one holding spool.db (overrides the config's spool.dir; no
    /// config is read then).
    #[arg(long, global = true, value_name = "DIR")]
    pub dir: Option<PathBuf>,

    #[command(flatten)]
    pub output: OutputArgs,

    #[command(subcommand)]
    pub action: SpoolAction,
}

#[derive(Debug, Subcommand)]
pub enum SpoolAction {
    /// List spooled pushes, oldest first: the queue, or the dead letters with --dead.
    List {
        /// Only this service's pushes.
        #[arg(short, long, value_name = "NAME")]
        service: Option<String>,
        /// The dead letters instead of the queue.
        #[arg(long)]
        dead: bool,
        /// Show at most N pushes (the oldest); the total is always told.
        #[arg(long, default_value_t = 100, value_name = "N",
              value_parser = clap::value_parser!(u32).range(1..))]
        limit: u32,
    },
    /// Show one push in full: its JSON body, its last 10 attempts and why it is dead.
    ///
    /// Each attempt: when it started (UTC), its trigger (live, retry, replay), its result
    /// (ok, http_4xx, http_5xx, http_429, timeout, refused, redirect), the HTTP status, how
    /// long it took, the gateway instance that made it and the first 4 KiB of the backend's
    /// answer (control characters escaped).
    Show {
        /// The push's id, or a unique prefix of it (at least 6 characters).
        id: String,
    },
    /// Put pushes back in the queue, due now: one (ID), the dead letters (--dead) or the
    /// queue (--all).
    ///
    /// A dead letter is requeued and its spool.max-age starts again; a queued push skips the
    /// rest of its backoff. serve redelivers replayed pushes at spool.drain-rate, with
    /// `X-Wx-Delivery-Trigger: replay`. In bulk, the number of pushes that match is printed
    /// before anything changes; --dry-run prints only that.
    #[command(group(clap::ArgGroup::new("bulk").args(["all", "dead"]).multiple(true)))]
    Replay {
        /// The push's id, or a unique prefix of it (at least 6 characters).
        id: Option<String>,
        /// Every push of the queue (with --dead: every dead letter).
        #[arg(long, conflicts_with = "id")]
        all: bool,
        /// The dead letters (narrowed by --service, --since, --until, --kind).
        #[arg(long, conflicts_with = "id")]
        dead: bool,
        /// Only this service's pushes.
        #[arg(short, long, requires = "bulk", value_name = "NAME")]
        service: Option<String>,
        /// Only pushes first received at or after T: RFC 3339 (2024-05-01T12:00:00Z,
        /// 2024-05-01T20:00:00+08:00, 2024-05-01 for its midnight UTC) or a time ago (90m,
        /// 2h, 7d; units w, d, h, m, s, as --older-than).
        #[arg(long, requires = "bulk", value_name = "T")]
        since: Option<String>,
        /// Only pushes first received before T (as --since).
        #[arg(long, requires = "bulk", value_name = "T")]
        until: Option<String>,
        /// Only pushes of this kind: a MsgType (text, image, voice, …) or, for events, the
        /// Event (subscribe, CLICK, TEMPLATESENDJOBFINISH, …); case does not matter.
        #[arg(long, requires = "bulk", value_name = "K")]
        kind: Option<String>,
        /// Print how many pushes match and change nothing.
        #[arg(long, requires = "bulk")]
        dry_run: bool,
    },
    /// Delete pushes: one (ID) or dead letters (--dead). The queue is never dropped in bulk.
    Drop {
        /// The push's id, or a unique prefix of it (at least 6 characters).
        id: Option<String>,
        /// Every dead letter (narrowed by --older-than and --service).
        #[arg(long, conflicts_with = "id")]
        dead: bool,
        /// With --dead: only those first seen longer ago than AGE: 7d, 12h, 30m, 45s (w, d,
        /// h, m, s; combined as 1d12h).
        #[arg(long, requires = "dead", value_name = "AGE")]
        older_than: Option<String>,
        /// With --dead: only this service's dead letters.
        #[arg(short, long, requires = "dead", value_name = "NAME")]
        service: Option<String>,
    },
    /// Per service: pushes queued, the oldest one's age, dead letters, replayed pushes still
    /// waiting, overdue pushes, whether paused; and the totals.
    ///
    /// Overdue: queued pushes whose next attempt is more than a minute in the past (the
    /// redelivery of the service has stalled).
    Stats,
    /// Pause the delivery of a service's pushes (for a planned backend deploy).
    ///
    /// While paused, the gateway does not call the service's backend: it spools every push of
    /// the service and answers WeChat `success` at once. A running gateway sees the pause
    /// within about a second; the pause is kept in the spool, so it survives a restart of the
    /// gateway until `spool resume`, which redelivers what was spooled at spool.drain-rate.
    /// Pausing a paused service changes nothing (exit 0).
    Pause {
        /// The service (its name in the config); with --config, it must be one of the config's.
        #[arg(short, long, value_name = "NAME")]
        service: String,
    },
    /// Resume the delivery of a paused service.
    ///
    /// The pushes spooled meanwhile are redelivered in arrival order at spool.drain-rate
    /// (pushes per second, slow-started), while live pushes go to the backend again at once.
    /// Resuming a service that is not paused changes nothing (exit 0).
    Resume {
        /// The service (its name in the config).
        #[arg(short, long, value_name = "NAME")]
        service: String,
    },
}
