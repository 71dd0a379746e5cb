
use builtin;
use str;

set edit:completion:arg-completer[wx-gateway] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'wx-gateway'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'wx-gateway'= {
            cand -v 'Print the version and exit'
            cand --version 'Print the version and exit'
            cand -h 'Print help'
            cand --help 'Print help'
            cand serve 'Run the gateway'
            cand simulate 'Play WeChat against a running gateway'
            cand decrypt 'Decrypt a captured payload, offline'
            cand menu-url 'Build OAuth links for menu buttons'
            cand menu 'Manage an account''s custom menu'
            cand token 'Print an account''s access_token'
            cand spool 'Inspect and change the spool: the pushes waiting for redelivery and the dead letters; pause and resume a service''s delivery'
            cand reload 'Make a running gateway reload its config (SIGHUP)'
            cand completions 'Print a shell completion script'
            cand init 'Write a starter config'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'wx-gateway;serve'= {
            cand -c 'Config file (go-wx-gateway''s JSON format). Without it and without CONF_FILE, the embedded sample.conf.json runs: one echo-mode account on 127.0.0.1:7080'
            cand --config 'Config file (go-wx-gateway''s JSON format). Without it and without CONF_FILE, the embedded sample.conf.json runs: one echo-mode account on 127.0.0.1:7080'
            cand --port 'Override the config''s listen-port (0 picks a free port; the address is logged)'
            cand --pid-file 'Write the process id to FILE once serving (removed at exit), for `wx-gateway reload --pid-file FILE` and systemd''s PIDFile=. SIGHUP reloads the config either way'
            cand --check 'Validate the config and exit: 0 when valid, 2 on any error. Unknown keys are errors here'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'wx-gateway;simulate'= {
            cand -c 'Config file to take the account from (the one `serve` reads)'
            cand --config 'Config file to take the account from (the one `serve` reads)'
            cand -s 'Service (account) name in the config; the first service by default'
            cand --service 'Service (account) name in the config; the first service by default'
            cand --token 'WeChat Token (overrides the config)'
            cand --aes-key 'EncodingAESKey, 43 characters (overrides the config)'
            cand --app-id 'AppID (overrides the config)'
            cand --color 'Colour: auto (terminal, no NO_COLOR), always or never'
            cand --url 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant'
            cand --mode 'plain, compat or safe (default safe when an aes-key is known, else plain)'
            cand --from 'The user''s openid (FromUserName)'
            cand --to 'The account''s original id (ToUserName)'
            cand --msg-id 'MsgId of a message (default: a fresh one from the clock)'
            cand --retries 'Re-send the identical push N more times, as WeChat does when it gets no answer'
            cand --count 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary'
            cand --concurrency 'With --count: pushes in flight at once (1 to 1024)'
            cand --expect-text 'Fail (exit 1) unless the reply''s text matches this regular expression'
            cand --expect-type 'Fail unless the reply''s MsgType is TYPE'
            cand --expect-status 'Fail unless the HTTP status is CODE (default: fail on anything but 200)'
            cand --timeout 'Seconds to wait for the gateway''s answer (1 to 3600)'
            cand --json 'Print one JSON object instead of text (for scripts)'
            cand --dry-run 'Print the signed request (as a curl command; with --json as JSON) instead of sending it'
            cand -v 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML'
            cand --verbose 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML'
            cand --allow-backend-error 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand verify 'The GET echostr handshake of the server configuration page'
            cand text 'A text message'
            cand image 'An image message'
            cand voice 'A voice message'
            cand video 'A video message'
            cand shortvideo 'A short video message'
            cand location 'A location message'
            cand link 'A link message'
            cand subscribe 'A subscribe (follow) event'
            cand unsubscribe 'An unsubscribe event'
            cand scan 'A SCAN event (a follower scanned a parameter QR code)'
            cand click 'A CLICK menu event'
            cand view 'A VIEW menu event'
            cand location-report 'A LOCATION report event'
            cand scancode-push 'A scancode_push menu event'
            cand scancode-waitmsg 'A scancode_waitmsg menu event'
            cand pic-sysphoto 'A pic_sysphoto menu event'
            cand pic-photo-or-album 'A pic_photo_or_album menu event'
            cand pic-weixin 'A pic_weixin menu event'
            cand location-select 'A location_select menu event'
            cand template-finish 'A TEMPLATESENDJOBFINISH event'
            cand mass-finish 'A MASSSENDJOBFINISH event'
            cand raw 'Any XML push, from FILE or standard input (-). Sent as is (encrypted in compat/safe mode)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'wx-gateway;simulate;verify'= {
            cand -c 'Config file to take the account from (the one `serve` reads)'
            cand --config 'Config file to take the account from (the one `serve` reads)'
            cand -s 'Service (account) name in the config; the first service by default'
            cand --service 'Service (account) name in the config; the first service by default'
            cand --token 'WeChat Token (overrides the config)'
            cand --aes-key 'EncodingAESKey, 43 characters (overrides the config)'
            cand --app-id 'AppID (overrides the config)'
            cand --color 'Colour: auto (terminal, no NO_COLOR), always or never'
            cand --url 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant'
            cand --mode 'plain, compat or safe (default safe when an aes-key is known, else plain)'
            cand --from 'The user''s openid (FromUserName)'
            cand --to 'The account''s original id (ToUserName)'
            cand --msg-id 'MsgId of a message (default: a fresh one from the clock)'
            cand --retries 'Re-send the identical push N more times, as WeChat does when it gets no answer'
            cand --count 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary'
            cand --concurrency 'With --count: pushes in flight at once (1 to 1024)'
            cand --expect-text 'Fail (exit 1) unless the reply''s text matches this regular expression'
            cand --expect-type 'Fail unless the reply''s MsgType is TYPE'
            cand --expect-status 'Fail unless the HTTP status is CODE (default: fail on anything but 200)'
            cand --timeout 'Seconds to wait for the gateway''s answer (1 to 3600)'
            cand --json 'Print one JSON object instead of text (for scripts)'
            cand --dry-run 'Print the signed request (as a curl command; with --json as JSON) instead of sending it'
            cand -v 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML'
            cand --verbose 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML'
            cand --allow-backend-error 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'wx-gateway;simulate;text'= {
            cand -c 'Config file to take the account from (the one `serve` reads)'
            cand --config 'Config file to take the account from (the one `serve` reads)'
            cand -s 'Service (account) name in the config; the first service by default'
            cand --service 'Service (account) name in the config; the first service by default'
            cand --token 'WeChat Token (overrides the config)'
            cand --aes-key 'EncodingAESKey, 43 characters (overrides the config)'
            cand --app-id 'AppID (overrides the config)'
            cand --color 'Colour: auto (terminal, no NO_COLOR), always or never'
            cand --url 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant'
            cand --mode 'plain, compat or safe (default safe when an aes-key is known, else plain)'
            cand --from 'The user''s openid (FromUserName)'
            cand --to 'The account''s original id (ToUserName)'
            cand --msg-id 'MsgId of a message (default: a fresh one from the clock)'
            cand --retries 'Re-send the identical push N more times, as WeChat does when it gets no answer'
            cand --count 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary'
            cand --concurrency 'With --count: pushes in flight at once (1 to 1024)'
            cand --expect-text 'Fail (exit 1) unless the reply''s text matches this regular expression'
            cand --expect-type 'Fail unless the reply''s MsgType is TYPE'
            cand --expect-status 'Fail unless the HTTP status is CODE (default: fail on anything but 200)'
            cand --timeout 'Seconds to wait for the gateway''s answer (1 to 3600)'
            cand --json 'Print one JSON object instead of text (for scripts)'
            cand --dry-run 'Print the signed request (as a curl command; with --json as JSON) instead of sending it'
            cand -v 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML'
            cand --verbose 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML'
            cand --allow-backend-error 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'wx-gateway;simulate;image'= {
            cand --media-id 'The media id (MediaId)'
            cand --pic-url 'The picture''s URL (PicUrl)'
            cand -c 'Config file to take the account from (the one `serve` reads)'
            cand --config 'Config file to take the account from (the one `serve` reads)'
            cand -s 'Service (account) name in the config; the first service by default'
            cand --service 'Service (account) name in the config; the first service by default'
            cand --token 'WeChat Token (overrides the config)'
            cand --aes-key 'EncodingAESKey, 43 characters (overrides the config)'
            cand --app-id 'AppID (overrides the config)'
            cand --color 'Colour: auto (terminal, no NO_COLOR), always or never'
            cand --url 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant'
            cand --mode 'plain, compat or safe (default safe when an aes-key is known, else plain)'
            cand --from 'The user''s openid (FromUserName)'
            cand --to 'The account''s original id (ToUserName)'
            cand --msg-id 'MsgId of a message (default: a fresh one from the clock)'
            cand --retries 'Re-send the identical push N more times, as WeChat does when it gets no answer'
            cand --count 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary'
            cand --concurrency 'With --count: pushes in flight at once (1 to 1024)'
            cand --expect-text 'Fail (exit 1) unless the reply''s text matches this regular expression'
            cand --expect-type 'Fail unless the reply''s MsgType is TYPE'
            cand --expect-status 'Fail unless the HTTP status is CODE (default: fail on anything but 200)'
            cand --timeout 'Seconds to wait for the gateway''s answer (1 to 3600)'
            cand --json 'Print one JSON object instead of text (for scripts)'
            cand --dry-run 'Print the signed request (as a curl command; with --json as JSON) instead of sending it'
            cand -v 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML'
            cand --verbose 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML'
            cand --allow-backend-error 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'wx-gateway;simulate;voice'= {
            cand --media-id 'The media id (MediaId)'
            cand --format 'The audio format (Format)'
            cand --recognition 'Speech recognition result'
            cand -c 'Config file to take the account from (the one `serve` reads)'
            cand --config 'Config file to take the account from (the one `serve` reads)'
            cand -s 'Service (account) name in the config; the first service by default'
            cand --service 'Service (account) name in the config; the first service by default'
            cand --token 'WeChat Token (overrides the config)'
            cand --aes-key 'EncodingAESKey, 43 characters (overrides the config)'
            cand --app-id 'AppID (overrides the config)'
            cand --color 'Colour: auto (terminal, no NO_COLOR), always or never'
            cand --url 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant'
            cand --mode 'plain, compat or safe (default safe when an aes-key is known, else plain)'
            cand --from 'The user''s openid (FromUserName)'
            cand --to 'The account''s original id (ToUserName)'
            cand --msg-id 'MsgId of a message (default: a fresh one from the clock)'
            cand --retries 'Re-send the identical push N more times, as WeChat does when it gets no answer'
            cand --count 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary'
            cand --concurrency 'With --count: pushes in flight at once (1 to 1024)'
            cand --expect-text 'Fail (exit 1) unless the reply''s text matches this regular expression'
            cand --expect-type 'Fail unless the reply''s MsgType is TYPE'
            cand --expect-status 'Fail unless the HTTP status is CODE (default: fail on anything but 200)'
            cand --timeout 'Seconds to wait for the gateway''s answer (1 to 3600)'
            cand --json 'Print one JSON object instead of text (for scripts)'
            cand --dry-run 'Print the signed request (as a curl command; with --json as JSON) instead of sending it'
            cand -v 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML'
            cand --verbose 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML'
            cand --allow-backend-error 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'wx-gateway;simulate;video'= {
            cand --media-id 'The media id (MediaId)'
            cand --thumb-media-id 'The thumbnail''s media id (ThumbMediaId)'
            cand -c 'Config file to take the account from (the one `serve` reads)'
            cand --config 'Config file to take the account from (the one `serve` reads)'
            cand -s 'Service (account) name in the config; the first service by default'
            cand --service 'Service (account) name in the config; the first service by default'
            cand --token 'WeChat Token (overrides the config)'
            cand --aes-key 'EncodingAESKey, 43 characters (overrides the config)'
            cand --app-id 'AppID (overrides the config)'
            cand --color 'Colour: auto (terminal, no NO_COLOR), always or never'
            cand --url 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant'
            cand --mode 'plain, compat or safe (default safe when an aes-key is known, else plain)'
            cand --from 'The user''s openid (FromUserName)'
            cand --to 'The account''s original id (ToUserName)'
            cand --msg-id 'MsgId of a message (default: a fresh one from the clock)'
            cand --retries 'Re-send the identical push N more times, as WeChat does when it gets no answer'
            cand --count 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary'
            cand --concurrency 'With --count: pushes in flight at once (1 to 1024)'
            cand --expect-text 'Fail (exit 1) unless the reply''s text matches this regular expression'
            cand --expect-type 'Fail unless the reply''s MsgType is TYPE'
            cand --expect-status 'Fail unless the HTTP status is CODE (default: fail on anything but 200)'
            cand --timeout 'Seconds to wait for the gateway''s answer (1 to 3600)'
            cand --json 'Print one JSON object instead of text (for scripts)'
            cand --dry-run 'Print the signed request (as a curl command; with --json as JSON) instead of sending it'
            cand -v 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML'
            cand --verbose 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML'
            cand --allow-backend-error 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'wx-gateway;simulate;shortvideo'= {
            cand --media-id 'The media id (MediaId)'
            cand --thumb-media-id 'The thumbnail''s media id (ThumbMediaId)'
            cand -c 'Config file to take the account from (the one `serve` reads)'
            cand --config 'Config file to take the account from (the one `serve` reads)'
            cand -s 'Service (account) name in the config; the first service by default'
            cand --service 'Service (account) name in the config; the first service by default'
            cand --token 'WeChat Token (overrides the config)'
            cand --aes-key 'EncodingAESKey, 43 characters (overrides the config)'
            cand --app-id 'AppID (overrides the config)'
            cand --color 'Colour: auto (terminal, no NO_COLOR), always or never'
            cand --url 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant'
            cand --mode 'plain, compat or safe (default safe when an aes-key is known, else plain)'
            cand --from 'The user''s openid (FromUserName)'
            cand --to 'The account''s original id (ToUserName)'
            cand --msg-id 'MsgId of a message (default: a fresh one from the clock)'
            cand --retries 'Re-send the identical push N more times, as WeChat does when it gets no answer'
            cand --count 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary'
            cand --concurrency 'With --count: pushes in flight at once (1 to 1024)'
            cand --expect-text 'Fail (exit 1) unless the reply''s text matches this regular expression'
            cand --expect-type 'Fail unless the reply''s MsgType is TYPE'
            cand --expect-status 'Fail unless the HTTP status is CODE (default: fail on anything but 200)'
            cand --timeout 'Seconds to wait for the gateway''s answer (1 to 3600)'
            cand --json 'Print one JSON object instead of text (for scripts)'
            cand --dry-run 'Print the signed request (as a curl command; with --json as JSON) instead of sending it'
            cand -v 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML'
            cand --verbose 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML'
            cand --allow-backend-error 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'wx-gateway;simulate;location'= {
            cand --lat 'Latitude'
            cand --lng 'Longitude'
            cand --scale 'Map zoom level (Scale)'
            cand --label 'The place''s name (Label)'
            cand -c 'Config file to take the account from (the one `serve` reads)'
            cand --config 'Config file to take the account from (the one `serve` reads)'
            cand -s 'Service (account) name in the config; the first service by default'
            cand --service 'Service (account) name in the config; the first service by default'
            cand --token 'WeChat Token (overrides the config)'
            cand --aes-key 'EncodingAESKey, 43 characters (overrides the config)'
            cand --app-id 'AppID (overrides the config)'
            cand --color 'Colour: auto (terminal, no NO_COLOR), always or never'
            cand --url 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant'
            cand --mode 'plain, compat or safe (default safe when an aes-key is known, else plain)'
            cand --from 'The user''s openid (FromUserName)'
            cand --to 'The account''s original id (ToUserName)'
            cand --msg-id 'MsgId of a message (default: a fresh one from the clock)'
            cand --retries 'Re-send the identical push N more times, as WeChat does when it gets no answer'
            cand --count 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary'
            cand --concurrency 'With --count: pushes in flight at once (1 to 1024)'
            cand --expect-text 'Fail (exit 1) unless the reply''s text matches this regular expression'
            cand --expect-type 'Fail unless the reply''s MsgType is TYPE'
            cand --expect-status 'Fail unless the HTTP status is CODE (default: fail on anything but 200)'
            cand --timeout 'Seconds to wait for the gateway''s answer (1 to 3600)'
            cand --json 'Print one JSON object instead of text (for scripts)'
            cand --dry-run 'Print the signed request (as a curl command; with --json as JSON) instead of sending it'
            cand -v 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML'
            cand --verbose 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML'
            cand --allow-backend-error 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'wx-gateway;simulate;link'= {
            cand --title 'The link''s title'
            cand --description 'The link''s description'
            cand --link-url 'The linked URL (`--url` is the gateway''s)'
            cand -c 'Config file to take the account from (the one `serve` reads)'
            cand --config 'Config file to take the account from (the one `serve` reads)'
            cand -s 'Service (account) name in the config; the first service by default'
            cand --service 'Service (account) name in the config; the first service by default'
            cand --token 'WeChat Token (overrides the config)'
            cand --aes-key 'EncodingAESKey, 43 characters (overrides the config)'
            cand --app-id 'AppID (overrides the config)'
            cand --color 'Colour: auto (terminal, no NO_COLOR), always or never'
            cand --url 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant'
            cand --mode 'plain, compat or safe (default safe when an aes-key is known, else plain)'
            cand --from 'The user''s openid (FromUserName)'
            cand --to 'The account''s original id (ToUserName)'
            cand --msg-id 'MsgId of a message (default: a fresh one from the clock)'
            cand --retries 'Re-send the identical push N more times, as WeChat does when it gets no answer'
            cand --count 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary'
            cand --concurrency 'With --count: pushes in flight at once (1 to 1024)'
            cand --expect-text 'Fail (exit 1) unless the reply''s text matches this regular expression'
            cand --expect-type 'Fail unless the reply''s MsgType is TYPE'
            cand --expect-status 'Fail unless the HTTP status is CODE (default: fail on anything but 200)'
            cand --timeout 'Seconds to wait for the gateway''s answer (1 to 3600)'
            cand --json 'Print one JSON object instead of text (for scripts)'
            cand --dry-run 'Print the signed request (as a curl command; with --json as JSON) instead of sending it'
            cand -v 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML'
            cand --verbose 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML'
            cand --allow-backend-error 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'wx-gateway;simulate;subscribe'= {
            cand --scene 'QR scene of a scan-to-follow (sent as EventKey qrscene_<S> with a Ticket)'
            cand -c 'Config file to take the account from (the one `serve` reads)'
            cand --config 'Config file to take the account from (the one `serve` reads)'
            cand -s 'Service (account) name in the config; the first service by default'
            cand --service 'Service (account) name in the config; the first service by default'
            cand --token 'WeChat Token (overrides the config)'
            cand --aes-key 'EncodingAESKey, 43 characters (overrides the config)'
            cand --app-id 'AppID (overrides the config)'
            cand --color 'Colour: auto (terminal, no NO_COLOR), always or never'
            cand --url 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant'
            cand --mode 'plain, compat or safe (default safe when an aes-key is known, else plain)'
            cand --from 'The user''s openid (FromUserName)'
            cand --to 'The account''s original id (ToUserName)'
            cand --msg-id 'MsgId of a message (default: a fresh one from the clock)'
            cand --retries 'Re-send the identical push N more times, as WeChat does when it gets no answer'
            cand --count 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary'
            cand --concurrency 'With --count: pushes in flight at once (1 to 1024)'
            cand --expect-text 'Fail (exit 1) unless the reply''s text matches this regular expression'
            cand --expect-type 'Fail unless the reply''s MsgType is TYPE'
            cand --expect-status 'Fail unless the HTTP status is CODE (default: fail on anything but 200)'
            cand --timeout 'Seconds to wait for the gateway''s answer (1 to 3600)'
            cand --json 'Print one JSON object instead of text (for scripts)'
            cand --dry-run 'Print the signed request (as a curl command; with --json as JSON) instead of sending it'
            cand -v 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML'
            cand --verbose 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML'
            cand --allow-backend-error 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'wx-gateway;simulate;unsubscribe'= {
            cand -c 'Config file to take the account from (the one `serve` reads)'
            cand --config 'Config file to take the account from (the one `serve` reads)'
            cand -s 'Service (account) name in the config; the first service by default'
            cand --service 'Service (account) name in the config; the first service by default'
            cand --token 'WeChat Token (overrides the config)'
            cand --aes-key 'EncodingAESKey, 43 characters (overrides the config)'
            cand --app-id 'AppID (overrides the config)'
            cand --color 'Colour: auto (terminal, no NO_COLOR), always or never'
            cand --url 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant'
            cand --mode 'plain, compat or safe (default safe when an aes-key is known, else plain)'
            cand --from 'The user''s openid (FromUserName)'
            cand --to 'The account''s original id (ToUserName)'
            cand --msg-id 'MsgId of a message (default: a fresh one from the clock)'
            cand --retries 'Re-send the identical push N more times, as WeChat does when it gets no answer'
            cand --count 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary'
            cand --concurrency 'With --count: pushes in flight at once (1 to 1024)'
            cand --expect-text 'Fail (exit 1) unless the reply''s text matches this regular expression'
            cand --expect-type 'Fail unless the reply''s MsgType is TYPE'
            cand --expect-status 'Fail unless the HTTP status is CODE (default: fail on anything but 200)'
            cand --timeout 'Seconds to wait for the gateway''s answer (1 to 3600)'
            cand --json 'Print one JSON object instead of text (for scripts)'
            cand --dry-run 'Print the signed request (as a curl command; with --json as JSON) instead of sending it'
            cand -v 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML'
            cand --verbose 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML'
            cand --allow-backend-error 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'wx-gateway;simulate;scan'= {
            cand --scene 'The QR code''s scene (EventKey)'
            cand -c 'Config file to take the account from (the one `serve` reads)'
            cand --config 'Config file to take the account from (the one `serve` reads)'
            cand -s 'Service (account) name in the config; the first service by default'
            cand --service 'Service (account) name in the config; the first service by default'
            cand --token 'WeChat Token (overrides the config)'
            cand --aes-key 'EncodingAESKey, 43 characters (overrides the config)'
            cand --app-id 'AppID (overrides the config)'
            cand --color 'Colour: auto (terminal, no NO_COLOR), always or never'
            cand --url 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant'
            cand --mode 'plain, compat or safe (default safe when an aes-key is known, else plain)'
            cand --from 'The user''s openid (FromUserName)'
            cand --to 'The account''s original id (ToUserName)'
            cand --msg-id 'MsgId of a message (default: a fresh one from the clock)'
            cand --retries 'Re-send the identical push N more times, as WeChat does when it gets no answer'
            cand --count 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary'
            cand --concurrency 'With --count: pushes in flight at once (1 to 1024)'
            cand --expect-text 'Fail (exit 1) unless the reply''s text matches this regular expression'
            cand --expect-type 'Fail unless the reply''s MsgType is TYPE'
            cand --expect-status 'Fail unless the HTTP status is CODE (default: fail on anything but 200)'
            cand --timeout 'Seconds to wait for the gateway''s answer (1 to 3600)'
            cand --json 'Print one JSON object instead of text (for scripts)'
            cand --dry-run 'Print the signed request (as a curl command; with --json as JSON) instead of sending it'
            cand -v 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML'
            cand --verbose 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML'
            cand --allow-backend-error 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'wx-gateway;simulate;click'= {
            cand --key 'The menu button''s key (EventKey)'
            cand -c 'Config file to take the account from (the one `serve` reads)'
            cand --config 'Config file to take the account from (the one `serve` reads)'
            cand -s 'Service (account) name in the config; the first service by default'
            cand --service 'Service (account) name in the config; the first service by default'
            cand --token 'WeChat Token (overrides the config)'
            cand --aes-key 'EncodingAESKey, 43 characters (overrides the config)'
            cand --app-id 'AppID (overrides the config)'
            cand --color 'Colour: auto (terminal, no NO_COLOR), always or never'
            cand --url 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant'
            cand --mode 'plain, compat or safe (default safe when an aes-key is known, else plain)'
            cand --from 'The user''s openid (FromUserName)'
            cand --to 'The account''s original id (ToUserName)'
            cand --msg-id 'MsgId of a message (default: a fresh one from the clock)'
            cand --retries 'Re-send the identical push N more times, as WeChat does when it gets no answer'
            cand --count 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary'
            cand --concurrency 'With --count: pushes in flight at once (1 to 1024)'
            cand --expect-text 'Fail (exit 1) unless the reply''s text matches this regular expression'
            cand --expect-type 'Fail unless the reply''s MsgType is TYPE'
            cand --expect-status 'Fail unless the HTTP status is CODE (default: fail on anything but 200)'
            cand --timeout 'Seconds to wait for the gateway''s answer (1 to 3600)'
            cand --json 'Print one JSON object instead of text (for scripts)'
            cand --dry-run 'Print the signed request (as a curl command; with --json as JSON) instead of sending it'
            cand -v 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML'
            cand --verbose 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML'
            cand --allow-backend-error 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'wx-gateway;simulate;view'= {
            cand --view-url 'The menu button''s URL, sent as EventKey (`--url` is the gateway''s)'
            cand -c 'Config file to take the account from (the one `serve` reads)'
            cand --config 'Config file to take the account from (the one `serve` reads)'
            cand -s 'Service (account) name in the config; the first service by default'
            cand --service 'Service (account) name in the config; the first service by default'
            cand --token 'WeChat Token (overrides the config)'
            cand --aes-key 'EncodingAESKey, 43 characters (overrides the config)'
            cand --app-id 'AppID (overrides the config)'
            cand --color 'Colour: auto (terminal, no NO_COLOR), always or never'
            cand --url 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant'
            cand --mode 'plain, compat or safe (default safe when an aes-key is known, else plain)'
            cand --from 'The user''s openid (FromUserName)'
            cand --to 'The account''s original id (ToUserName)'
            cand --msg-id 'MsgId of a message (default: a fresh one from the clock)'
            cand --retries 'Re-send the identical push N more times, as WeChat does when it gets no answer'
            cand --count 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary'
            cand --concurrency 'With --count: pushes in flight at once (1 to 1024)'
            cand --expect-text 'Fail (exit 1) unless the reply''s text matches this regular expression'
            cand --expect-type 'Fail unless the reply''s MsgType is TYPE'
            cand --expect-status 'Fail unless the HTTP status is CODE (default: fail on anything but 200)'
            cand --timeout 'Seconds to wait for the gateway''s answer (1 to 3600)'
            cand --json 'Print one JSON object instead of text (for scripts)'
            cand --dry-run 'Print the signed request (as a curl command; with --json as JSON) instead of sending it'
            cand -v 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML'
            cand --verbose 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML'
            cand --allow-backend-error 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'wx-gateway;simulate;location-report'= {
            cand --lat 'Latitude'
            cand --lng 'Longitude'
            cand --precision 'Accuracy in metres (Precision)'
            cand -c 'Config file to take the account from (the one `serve` reads)'
            cand --config 'Config file to take the account from (the one `serve` reads)'
            cand -s 'Service (account) name in the config; the first service by default'
            cand --service 'Service (account) name in the config; the first service by default'
            cand --token 'WeChat Token (overrides the config)'
            cand --aes-key 'EncodingAESKey, 43 characters (overrides the config)'
            cand --app-id 'AppID (overrides the config)'
            cand --color 'Colour: auto (terminal, no NO_COLOR), always or never'
            cand --url 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant'
            cand --mode 'plain, compat or safe (default safe when an aes-key is known, else plain)'
            cand --from 'The user''s openid (FromUserName)'
            cand --to 'The account''s original id (ToUserName)'
            cand --msg-id 'MsgId of a message (default: a fresh one from the clock)'
            cand --retries 'Re-send the identical push N more times, as WeChat does when it gets no answer'
            cand --count 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary'
            cand --concurrency 'With --count: pushes in flight at once (1 to 1024)'
            cand --expect-text 'Fail (exit 1) unless the reply''s text matches this regular expression'
            cand --expect-type 'Fail unless the reply''s MsgType is TYPE'
            cand --expect-status 'Fail unless the HTTP status is CODE (default: fail on anything but 200)'
            cand --timeout 'Seconds to wait for the gateway''s answer (1 to 3600)'
            cand --json 'Print one JSON object instead of text (for scripts)'
            cand --dry-run 'Print the signed request (as a curl command; with --json as JSON) instead of sending it'
            cand -v 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML'
            cand --verbose 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML'
            cand --allow-backend-error 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'wx-gateway;simulate;scancode-push'= {
            cand --key 'The menu button''s key (EventKey)'
            cand --result 'What the scan read (ScanResult)'
            cand -c 'Config file to take the account from (the one `serve` reads)'
            cand --config 'Config file to take the account from (the one `serve` reads)'
            cand -s 'Service (account) name in the config; the first service by default'
            cand --service 'Service (account) name in the config; the first service by default'
            cand --token 'WeChat Token (overrides the config)'
            cand --aes-key 'EncodingAESKey, 43 characters (overrides the config)'
            cand --app-id 'AppID (overrides the config)'
            cand --color 'Colour: auto (terminal, no NO_COLOR), always or never'
            cand --url 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant'
            cand --mode 'plain, compat or safe (default safe when an aes-key is known, else plain)'
            cand --from 'The user''s openid (FromUserName)'
            cand --to 'The account''s original id (ToUserName)'
            cand --msg-id 'MsgId of a message (default: a fresh one from the clock)'
            cand --retries 'Re-send the identical push N more times, as WeChat does when it gets no answer'
            cand --count 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary'
            cand --concurrency 'With --count: pushes in flight at once (1 to 1024)'
            cand --expect-text 'Fail (exit 1) unless the reply''s text matches this regular expression'
            cand --expect-type 'Fail unless the reply''s MsgType is TYPE'
            cand --expect-status 'Fail unless the HTTP status is CODE (default: fail on anything but 200)'
            cand --timeout 'Seconds to wait for the gateway''s answer (1 to 3600)'
            cand --json 'Print one JSON object instead of text (for scripts)'
            cand --dry-run 'Print the signed request (as a curl command; with --json as JSON) instead of sending it'
            cand -v 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML'
            cand --verbose 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML'
            cand --allow-backend-error 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'wx-gateway;simulate;scancode-waitmsg'= {
            cand --key 'The menu button''s key (EventKey)'
            cand --result 'What the scan read (ScanResult)'
            cand -c 'Config file to take the account from (the one `serve` reads)'
            cand --config 'Config file to take the account from (the one `serve` reads)'
            cand -s 'Service (account) name in the config; the first service by default'
            cand --service 'Service (account) name in the config; the first service by default'
            cand --token 'WeChat Token (overrides the config)'
            cand --aes-key 'EncodingAESKey, 43 characters (overrides the config)'
            cand --app-id 'AppID (overrides the config)'
            cand --color 'Colour: auto (terminal, no NO_COLOR), always or never'
            cand --url 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant'
            cand --mode 'plain, compat or safe (default safe when an aes-key is known, else plain)'
            cand --from 'The user''s openid (FromUserName)'
            cand --to 'The account''s original id (ToUserName)'
            cand --msg-id 'MsgId of a message (default: a fresh one from the clock)'
            cand --retries 'Re-send the identical push N more times, as WeChat does when it gets no answer'
            cand --count 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary'
            cand --concurrency 'With --count: pushes in flight at once (1 to 1024)'
            cand --expect-text 'Fail (exit 1) unless the reply''s text matches this regular expression'
            cand --expect-type 'Fail unless the reply''s MsgType is TYPE'
            cand --expect-status 'Fail unless the HTTP status is CODE (default: fail on anything but 200)'
            cand --timeout 'Seconds to wait for the gateway''s answer (1 to 3600)'
            cand --json 'Print one JSON object instead of text (for scripts)'
            cand --dry-run 'Print the signed request (as a curl command; with --json as JSON) instead of sending it'
            cand -v 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML'
            cand --verbose 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML'
            cand --allow-backend-error 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'wx-gateway;simulate;pic-sysphoto'= {
            cand --key 'The menu button''s key (EventKey)'
            cand --pics 'How many pictures were sent (Count)'
            cand -c 'Config file to take the account from (the one `serve` reads)'
            cand --config 'Config file to take the account from (the one `serve` reads)'
            cand -s 'Service (account) name in the config; the first service by default'
            cand --service 'Service (account) name in the config; the first service by default'
            cand --token 'WeChat Token (overrides the config)'
            cand --aes-key 'EncodingAESKey, 43 characters (overrides the config)'
            cand --app-id 'AppID (overrides the config)'
            cand --color 'Colour: auto (terminal, no NO_COLOR), always or never'
            cand --url 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant'
            cand --mode 'plain, compat or safe (default safe when an aes-key is known, else plain)'
            cand --from 'The user''s openid (FromUserName)'
            cand --to 'The account''s original id (ToUserName)'
            cand --msg-id 'MsgId of a message (default: a fresh one from the clock)'
            cand --retries 'Re-send the identical push N more times, as WeChat does when it gets no answer'
            cand --count 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary'
            cand --concurrency 'With --count: pushes in flight at once (1 to 1024)'
            cand --expect-text 'Fail (exit 1) unless the reply''s text matches this regular expression'
            cand --expect-type 'Fail unless the reply''s MsgType is TYPE'
            cand --expect-status 'Fail unless the HTTP status is CODE (default: fail on anything but 200)'
            cand --timeout 'Seconds to wait for the gateway''s answer (1 to 3600)'
            cand --json 'Print one JSON object instead of text (for scripts)'
            cand --dry-run 'Print the signed request (as a curl command; with --json as JSON) instead of sending it'
            cand -v 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML'
            cand --verbose 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML'
            cand --allow-backend-error 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'wx-gateway;simulate;pic-photo-or-album'= {
            cand --key 'The menu button''s key (EventKey)'
            cand --pics 'How many pictures were sent (Count)'
            cand -c 'Config file to take the account from (the one `serve` reads)'
            cand --config 'Config file to take the account from (the one `serve` reads)'
            cand -s 'Service (account) name in the config; the first service by default'
            cand --service 'Service (account) name in the config; the first service by default'
            cand --token 'WeChat Token (overrides the config)'
            cand --aes-key 'EncodingAESKey, 43 characters (overrides the config)'
            cand --app-id 'AppID (overrides the config)'
            cand --color 'Colour: auto (terminal, no NO_COLOR), always or never'
            cand --url 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant'
            cand --mode 'plain, compat or safe (default safe when an aes-key is known, else plain)'
            cand --from 'The user''s openid (FromUserName)'
            cand --to 'The account''s original id (ToUserName)'
            cand --msg-id 'MsgId of a message (default: a fresh one from the clock)'
            cand --retries 'Re-send the identical push N more times, as WeChat does when it gets no answer'
            cand --count 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary'
            cand --concurrency 'With --count: pushes in flight at once (1 to 1024)'
            cand --expect-text 'Fail (exit 1) unless the reply''s text matches this regular expression'
            cand --expect-type 'Fail unless the reply''s MsgType is TYPE'
            cand --expect-status 'Fail unless the HTTP status is CODE (default: fail on anything but 200)'
            cand --timeout 'Seconds to wait for the gateway''s answer (1 to 3600)'
            cand --json 'Print one JSON object instead of text (for scripts)'
            cand --dry-run 'Print the signed request (as a curl command; with --json as JSON) instead of sending it'
            cand -v 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML'
            cand --verbose 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML'
            cand --allow-backend-error 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'wx-gateway;simulate;pic-weixin'= {
            cand --key 'The menu button''s key (EventKey)'
            cand --pics 'How many pictures were sent (Count)'
            cand -c 'Config file to take the account from (the one `serve` reads)'
            cand --config 'Config file to take the account from (the one `serve` reads)'
            cand -s 'Service (account) name in the config; the first service by default'
            cand --service 'Service (account) name in the config; the first service by default'
            cand --token 'WeChat Token (overrides the config)'
            cand --aes-key 'EncodingAESKey, 43 characters (overrides the config)'
            cand --app-id 'AppID (overrides the config)'
            cand --color 'Colour: auto (terminal, no NO_COLOR), always or never'
            cand --url 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant'
            cand --mode 'plain, compat or safe (default safe when an aes-key is known, else plain)'
            cand --from 'The user''s openid (FromUserName)'
            cand --to 'The account''s original id (ToUserName)'
            cand --msg-id 'MsgId of a message (default: a fresh one from the clock)'
            cand --retries 'Re-send the identical push N more times, as WeChat does when it gets no answer'
            cand --count 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary'
            cand --concurrency 'With --count: pushes in flight at once (1 to 1024)'
            cand --expect-text 'Fail (exit 1) unless the reply''s text matches this regular expression'
            cand --expect-type 'Fail unless the reply''s MsgType is TYPE'
            cand --expect-status 'Fail unless the HTTP status is CODE (default: fail on anything but 200)'
            cand --timeout 'Seconds to wait for the gateway''s answer (1 to 3600)'
            cand --json 'Print one JSON object instead of text (for scripts)'
            cand --dry-run 'Print the signed request (as a curl command; with --json as JSON) instead of sending it'
            cand -v 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML'
            cand --verbose 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML'
            cand --allow-backend-error 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'wx-gateway;simulate;location-select'= {
            cand --key 'The menu button''s key (EventKey)'
            cand --label 'The place''s name (Label)'
            cand -c 'Config file to take the account from (the one `serve` reads)'
            cand --config 'Config file to take the account from (the one `serve` reads)'
            cand -s 'Service (account) name in the config; the first service by default'
            cand --service 'Service (account) name in the config; the first service by default'
            cand --token 'WeChat Token (overrides the config)'
            cand --aes-key 'EncodingAESKey, 43 characters (overrides the config)'
            cand --app-id 'AppID (overrides the config)'
            cand --color 'Colour: auto (terminal, no NO_COLOR), always or never'
            cand --url 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant'
            cand --mode 'plain, compat or safe (default safe when an aes-key is known, else plain)'
            cand --from 'The user''s openid (FromUserName)'
            cand --to 'The account''s original id (ToUserName)'
            cand --msg-id 'MsgId of a message (default: a fresh one from the clock)'
            cand --retries 'Re-send the identical push N more times, as WeChat does when it gets no answer'
            cand --count 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary'
            cand --concurrency 'With --count: pushes in flight at once (1 to 1024)'
            cand --expect-text 'Fail (exit 1) unless the reply''s text matches this regular expression'
            cand --expect-type 'Fail unless the reply''s MsgType is TYPE'
            cand --expect-status 'Fail unless the HTTP status is CODE (default: fail on anything but 200)'
            cand --timeout 'Seconds to wait for the gateway''s answer (1 to 3600)'
            cand --json 'Print one JSON object instead of text (for scripts)'
            cand --dry-run 'Print the signed request (as a curl command; with --json as JSON) instead of sending it'
            cand -v 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML'
            cand --verbose 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML'
            cand --allow-backend-error 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'wx-gateway;simulate;template-finish'= {
            cand --status 'The job''s Status'
            cand -c 'Config file to take the account from (the one `serve` reads)'
            cand --config 'Config file to take the account from (the one `serve` reads)'
            cand -s 'Service (account) name in the config; the first service by default'
            cand --service 'Service (account) name in the config; the first service by default'
            cand --token 'WeChat Token (overrides the config)'
            cand --aes-key 'EncodingAESKey, 43 characters (overrides the config)'
            cand --app-id 'AppID (overrides the config)'
            cand --color 'Colour: auto (terminal, no NO_COLOR), always or never'
            cand --url 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant'
            cand --mode 'plain, compat or safe (default safe when an aes-key is known, else plain)'
            cand --from 'The user''s openid (FromUserName)'
            cand --to 'The account''s original id (ToUserName)'
            cand --msg-id 'MsgId of a message (default: a fresh one from the clock)'
            cand --retries 'Re-send the identical push N more times, as WeChat does when it gets no answer'
            cand --count 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary'
            cand --concurrency 'With --count: pushes in flight at once (1 to 1024)'
            cand --expect-text 'Fail (exit 1) unless the reply''s text matches this regular expression'
            cand --expect-type 'Fail unless the reply''s MsgType is TYPE'
            cand --expect-status 'Fail unless the HTTP status is CODE (default: fail on anything but 200)'
            cand --timeout 'Seconds to wait for the gateway''s answer (1 to 3600)'
            cand --json 'Print one JSON object instead of text (for scripts)'
            cand --dry-run 'Print the signed request (as a curl command; with --json as JSON) instead of sending it'
            cand -v 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML'
            cand --verbose 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML'
            cand --allow-backend-error 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'wx-gateway;simulate;mass-finish'= {
            cand --status 'The job''s Status'
            cand -c 'Config file to take the account from (the one `serve` reads)'
            cand --config 'Config file to take the account from (the one `serve` reads)'
            cand -s 'Service (account) name in the config; the first service by default'
            cand --service 'Service (account) name in the config; the first service by default'
            cand --token 'WeChat Token (overrides the config)'
            cand --aes-key 'EncodingAESKey, 43 characters (overrides the config)'
            cand --app-id 'AppID (overrides the config)'
            cand --color 'Colour: auto (terminal, no NO_COLOR), always or never'
            cand --url 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant'
            cand --mode 'plain, compat or safe (default safe when an aes-key is known, else plain)'
            cand --from 'The user''s openid (FromUserName)'
            cand --to 'The account''s original id (ToUserName)'
            cand --msg-id 'MsgId of a message (default: a fresh one from the clock)'
            cand --retries 'Re-send the identical push N more times, as WeChat does when it gets no answer'
            cand --count 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary'
            cand --concurrency 'With --count: pushes in flight at once (1 to 1024)'
            cand --expect-text 'Fail (exit 1) unless the reply''s text matches this regular expression'
            cand --expect-type 'Fail unless the reply''s MsgType is TYPE'
            cand --expect-status 'Fail unless the HTTP status is CODE (default: fail on anything but 200)'
            cand --timeout 'Seconds to wait for the gateway''s answer (1 to 3600)'
            cand --json 'Print one JSON object instead of text (for scripts)'
            cand --dry-run 'Print the signed request (as a curl command; with --json as JSON) instead of sending it'
            cand -v 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML'
            cand --verbose 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML'
            cand --allow-backend-error 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'wx-gateway;simulate;raw'= {
            cand -c 'Config file to take the account from (the one `serve` reads)'
            cand --config 'Config file to take the account from (the one `serve` reads)'
            cand -s 'Service (account) name in the config; the first service by default'
            cand --service 'Service (account) name in the config; the first service by default'
            cand --token 'WeChat Token (overrides the config)'
            cand --aes-key 'EncodingAESKey, 43 characters (overrides the config)'
            cand --app-id 'AppID (overrides the config)'
            cand --color 'Colour: auto (terminal, no NO_COLOR), always or never'
            cand --url 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant'
            cand --mode 'plain, compat or safe (default safe when an aes-key is known, else plain)'
            cand --from 'The user''s openid (FromUserName)'
            cand --to 'The account''s original id (ToUserName)'
            cand --msg-id 'MsgId of a message (default: a fresh one from the clock)'
            cand --retries 'Re-send the identical push N more times, as WeChat does when it gets no answer'
            cand --count 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary'
            cand --concurrency 'With --count: pushes in flight at once (1 to 1024)'
            cand --expect-text 'Fail (exit 1) unless the reply''s text matches this regular expression'
            cand --expect-type 'Fail unless the reply''s MsgType is TYPE'
            cand --expect-status 'Fail unless the HTTP status is CODE (default: fail on anything but 200)'
            cand --timeout 'Seconds to wait for the gateway''s answer (1 to 3600)'
            cand --json 'Print one JSON object instead of text (for scripts)'
            cand --dry-run 'Print the signed request (as a curl command; with --json as JSON) instead of sending it'
            cand -v 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML'
            cand --verbose 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML'
            cand --allow-backend-error 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'wx-gateway;simulate;help'= {
            cand verify 'The GET echostr handshake of the server configuration page'
            cand text 'A text message'
            cand image 'An image message'
            cand voice 'A voice message'
            cand video 'A video message'
            cand shortvideo 'A short video message'
            cand location 'A location message'
            cand link 'A link message'
            cand subscribe 'A subscribe (follow) event'
            cand unsubscribe 'An unsubscribe event'
            cand scan 'A SCAN event (a follower scanned a parameter QR code)'
            cand click 'A CLICK menu event'
            cand view 'A VIEW menu event'
            cand location-report 'A LOCATION report event'
            cand scancode-push 'A scancode_push menu event'
            cand scancode-waitmsg 'A scancode_waitmsg menu event'
            cand pic-sysphoto 'A pic_sysphoto menu event'
            cand pic-photo-or-album 'A pic_photo_or_album menu event'
            cand pic-weixin 'A pic_weixin menu event'
            cand location-select 'A location_select menu event'
            cand template-finish 'A TEMPLATESENDJOBFINISH event'
            cand mass-finish 'A MASSSENDJOBFINISH event'
            cand raw 'Any XML push, from FILE or standard input (-). Sent as is (encrypted in compat/safe mode)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'wx-gateway;simulate;help;verify'= {
        }
        &'wx-gateway;simulate;help;text'= {
        }
        &'wx-gateway;simulate;help;image'= {
        }
        &'wx-gateway;simulate;help;voice'= {
        }
        &'wx-gateway;simulate;help;video'= {
        }
        &'wx-gateway;simulate;help;shortvideo'= {
        }
        &'wx-gateway;simulate;help;location'= {
        }
        &'wx-gateway;simulate;help;link'= {
        }
        &'wx-gateway;simulate;help;subscribe'= {
        }
        &'wx-gateway;simulate;help;unsubscribe'= {
        }
        &'wx-gateway;simulate;help;scan'= {
        }
        &'wx-gateway;simulate;help;click'= {
        }
        &'wx-gateway;simulate;help;view'= {
        }
        &'wx-gateway;simulate;help;location-report'= {
        }
        &'wx-gateway;simulate;help;scancode-push'= {
        }
        &'wx-gateway;simulate;help;scancode-waitmsg'= {
        }
        &'wx-gateway;simulate;help;pic-sysphoto'= {
        }
        &'wx-gateway;simulate;help;pic-photo-or-album'= {
        }
        &'wx-gateway;simulate;help;pic-weixin'= {
        }
        &'wx-gateway;simulate;help;location-select'= {
        }
        &'wx-gateway;simulate;help;template-finish'= {
        }
        &'wx-gateway;simulate;help;mass-finish'= {
        }
        &'wx-gateway;simulate;help;raw'= {
        }
        &'wx-gateway;simulate;help;help'= {
        }
        &'wx-gateway;decrypt'= {
            cand -c 'Config file to take the account from (the one `serve` reads)'
            cand --config 'Config file to take the account from (the one `serve` reads)'
            cand -s 'Service (account) name in the config; the first service by default'
            cand --service 'Service (account) name in the config; the first service by default'
            cand --token 'WeChat Token (overrides the config)'
            cand --aes-key 'EncodingAESKey, 43 characters (overrides the config)'
            cand --app-id 'AppID (overrides the config)'
            cand --color 'Colour: auto (terminal, no NO_COLOR), always or never'
            cand --query 'The query string of the push (signature=…&timestamp=…&nonce=…&msg_signature=…), to verify msg_signature. A captured HTTP request carries its own'
            cand --json 'Print one JSON object instead of text (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'wx-gateway;menu-url'= {
            cand -c 'Config file to take the AppID and redirect-path from (the one `serve` reads)'
            cand --config 'Config file to take the AppID and redirect-path from (the one `serve` reads)'
            cand -s 'Service (account) name in the config; the first service by default'
            cand --service 'Service (account) name in the config; the first service by default'
            cand --app-id 'AppID (overrides the config)'
            cand --color 'Colour: auto (terminal, no NO_COLOR), always or never'
            cand --state 'The state WeChat hands back to the redirect (which menu item): up to 128 of A-Z a-z 0-9 _ -'
            cand --scope 'base or userinfo'
            cand --redirect 'The absolute redirect URL (default: --host plus the service''s redirect-path)'
            cand --host 'Public origin of the gateway, e.g. https://wx.example.com (with the config''s redirect-path)'
            cand --open-base 'WeChat''s OAuth origin'
            cand --menu 'Turn a menu file into WeChat''s menu JSON: buttons with a `state` become OAuth links ({"name","state","scope"?,"redirect"?}); buttons with a WeChat `type` (click, view, miniprogram, scancode_*, pic_*, location_select, media_id, article_id, …) are checked and kept; FILE is a list of buttons or {"button": […]}, - for standard input'
            cand --json 'Print one JSON object instead of text (for scripts)'
            cand --qr 'Also draw the link as a QR code in the terminal (scan it with WeChat). Drawn light on dark unless COLORFGBG says the background is light'
            cand --qr-invert 'Swap the QR code''s colours (for a light terminal that COLORFGBG does not announce)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'wx-gateway;menu'= {
            cand -c 'Config file (the one `serve` reads); required'
            cand --config 'Config file (the one `serve` reads); required'
            cand -s 'Service (account) name in the config; the first service by default'
            cand --service 'Service (account) name in the config; the first service by default'
            cand --json 'Print one JSON object instead of text'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand create 'Create the menu from FILE: WeChat''s menu JSON ({"button": […]}, e.g. from `menu-url --menu`) or what `menu get` printed'
            cand get 'Show the menu: WeChat''s answer, which `menu create` takes back'
            cand delete 'Delete the menu'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'wx-gateway;menu;create'= {
            cand -c 'Config file (the one `serve` reads); required'
            cand --config 'Config file (the one `serve` reads); required'
            cand -s 'Service (account) name in the config; the first service by default'
            cand --service 'Service (account) name in the config; the first service by default'
            cand --json 'Print one JSON object instead of text'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'wx-gateway;menu;get'= {
            cand -c 'Config file (the one `serve` reads); required'
            cand --config 'Config file (the one `serve` reads); required'
            cand -s 'Service (account) name in the config; the first service by default'
            cand --service 'Service (account) name in the config; the first service by default'
            cand --json 'Print one JSON object instead of text'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'wx-gateway;menu;delete'= {
            cand -c 'Config file (the one `serve` reads); required'
            cand --config 'Config file (the one `serve` reads); required'
            cand -s 'Service (account) name in the config; the first service by default'
            cand --service 'Service (account) name in the config; the first service by default'
            cand --json 'Print one JSON object instead of text'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'wx-gateway;menu;help'= {
            cand create 'Create the menu from FILE: WeChat''s menu JSON ({"button": […]}, e.g. from `menu-url --menu`) or what `menu get` printed'
            cand get 'Show the menu: WeChat''s answer, which `menu create` takes back'
            cand delete 'Delete the menu'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'wx-gateway;menu;help;create'= {
        }
        &'wx-gateway;menu;help;get'= {
        }
        &'wx-gateway;menu;help;delete'= {
        }
        &'wx-gateway;menu;help;help'= {
        }
        &'wx-gateway;token'= {
            cand -c 'Config file (the one `serve` reads); required'
            cand --config 'Config file (the one `serve` reads); required'
            cand -s 'Service (account) name in the config; the first service by default'
            cand --service 'Service (account) name in the config; the first service by default'
            cand --json 'Print one JSON object instead of text'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'wx-gateway;spool'= {
            cand -c 'Config file to take spool.dir from (the one `serve` reads)'
            cand --config 'Config file to take spool.dir from (the one `serve` reads)'
            cand --dir 'The spool directory, the one holding spool.db (overrides the config''s spool.dir; no config is read then)'
            cand --color 'Colour: auto (terminal, no NO_COLOR), always or never'
            cand --json 'Print one JSON object instead of text (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand list 'List spooled pushes, oldest first: the queue, or the dead letters with --dead'
            cand show 'Show one push in full: its JSON body, its last 10 attempts and why it is dead'
            cand replay 'Put pushes back in the queue, due now: one (ID), the dead letters (--dead) or the queue (--all)'
            cand drop 'Delete pushes: one (ID) or dead letters (--dead). The queue is never dropped in bulk'
            cand stats 'Per service: pushes queued, the oldest one''s age, dead letters, replayed pushes still waiting, overdue pushes, whether paused; and the totals'
            cand pause 'Pause the delivery of a service''s pushes (for a planned backend deploy)'
            cand resume 'Resume the delivery of a paused service'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'wx-gateway;spool;list'= {
            cand -s 'Only this service''s pushes'
            cand --service 'Only this service''s pushes'
            cand --limit 'Show at most N pushes (the oldest); the total is always told'
            cand -c 'Config file to take spool.dir from (the one `serve` reads)'
            cand --config 'Config file to take spool.dir from (the one `serve` reads)'
            cand --dir 'The spool directory, the one holding spool.db (overrides the config''s spool.dir; no config is read then)'
            cand --color 'Colour: auto (terminal, no NO_COLOR), always or never'
            cand --dead 'The dead letters instead of the queue'
            cand --json 'Print one JSON object instead of text (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'wx-gateway;spool;show'= {
            cand -c 'Config file to take spool.dir from (the one `serve` reads)'
            cand --config 'Config file to take spool.dir from (the one `serve` reads)'
            cand --dir 'The spool directory, the one holding spool.db (overrides the config''s spool.dir; no config is read then)'
            cand --color 'Colour: auto (terminal, no NO_COLOR), always or never'
            cand --json 'Print one JSON object instead of text (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'wx-gateway;spool;replay'= {
            cand -s 'Only this service''s pushes'
            cand --service 'Only this service''s pushes'
            cand --since 'Only pushes first received at or after T: RFC 3339 (2024-05-01T12:00:00Z, 2024-05-01T20:00:00+08:00, 2024-05-01 for its midnight UTC) or a time ago (90m, 2h, 7d; units w, d, h, m, s, as --older-than)'
            cand --until 'Only pushes first received before T (as --since)'
            cand --kind 'Only pushes of this kind: a MsgType (text, image, voice, …) or, for events, the Event (subscribe, CLICK, TEMPLATESENDJOBFINISH, …); case does not matter'
            cand -c 'Config file to take spool.dir from (the one `serve` reads)'
            cand --config 'Config file to take spool.dir from (the one `serve` reads)'
            cand --dir 'The spool directory, the one holding spool.db (overrides the config''s spool.dir; no config is read then)'
            cand --color 'Colour: auto (terminal, no NO_COLOR), always or never'
            cand --all 'Every push of the queue (with --dead: every dead letter)'
            cand --dead 'The dead letters (narrowed by --service, --since, --until, --kind)'
            cand --dry-run 'Print how many pushes match and change nothing'
            cand --json 'Print one JSON object instead of text (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'wx-gateway;spool;drop'= {
            cand --older-than 'With --dead: only those first seen longer ago than AGE: 7d, 12h, 30m, 45s (w, d, h, m, s; combined as 1d12h)'
            cand -s 'With --dead: only this service''s dead letters'
            cand --service 'With --dead: only this service''s dead letters'
            cand -c 'Config file to take spool.dir from (the one `serve` reads)'
            cand --config 'Config file to take spool.dir from (the one `serve` reads)'
            cand --dir 'The spool directory, the one holding spool.db (overrides the config''s spool.dir; no config is read then)'
            cand --color 'Colour: auto (terminal, no NO_COLOR), always or never'
            cand --dead 'Every dead letter (narrowed by --older-than and --service)'
            cand --json 'Print one JSON object instead of text (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'wx-gateway;spool;stats'= {
            cand -c 'Config file to take spool.dir from (the one `serve` reads)'
            cand --config 'Config file to take spool.dir from (the one `serve` reads)'
            cand --dir 'The spool directory, the one holding spool.db (overrides the config''s spool.dir; no config is read then)'
            cand --color 'Colour: auto (terminal, no NO_COLOR), always or never'
            cand --json 'Print one JSON object instead of text (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'wx-gateway;spool;pause'= {
            cand -s 'The service (its name in the config); with --config, it must be one of the config''s'
            cand --service 'The service (its name in the config); with --config, it must be one of the config''s'
            cand -c 'Config file to take spool.dir from (the one `serve` reads)'
            cand --config 'Config file to take spool.dir from (the one `serve` reads)'
            cand --dir 'The spool directory, the one holding spool.db (overrides the config''s spool.dir; no config is read then)'
            cand --color 'Colour: auto (terminal, no NO_COLOR), always or never'
            cand --json 'Print one JSON object instead of text (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'wx-gateway;spool;resume'= {
            cand -s 'The service (its name in the config)'
            cand --service 'The service (its name in the config)'
            cand -c 'Config file to take spool.dir from (the one `serve` reads)'
            cand --config 'Config file to take spool.dir from (the one `serve` reads)'
            cand --dir 'The spool directory, the one holding spool.db (overrides the config''s spool.dir; no config is read then)'
            cand --color 'Colour: auto (terminal, no NO_COLOR), always or never'
            cand --json 'Print one JSON object instead of text (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'wx-gateway;spool;help'= {
            cand list 'List spooled pushes, oldest first: the queue, or the dead letters with --dead'
            cand show 'Show one push in full: its JSON body, its last 10 attempts and why it is dead'
            cand replay 'Put pushes back in the queue, due now: one (ID), the dead letters (--dead) or the queue (--all)'
            cand drop 'Delete pushes: one (ID) or dead letters (--dead). The queue is never dropped in bulk'
            cand stats 'Per service: pushes queued, the oldest one''s age, dead letters, replayed pushes still waiting, overdue pushes, whether paused; and the totals'
            cand pause 'Pause the delivery of a service''s pushes (for a planned backend deploy)'
            cand resume 'Resume the delivery of a paused service'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'wx-gateway;spool;help;list'= {
        }
        &'wx-gateway;spool;help;show'= {
        }
        &'wx-gateway;spool;help;replay'= {
        }
        &'wx-gateway;spool;help;drop'= {
        }
        &'wx-gateway;spool;help;stats'= {
        }
        &'wx-gateway;spool;help;pause'= {
        }
        &'wx-gateway;spool;help;resume'= {
        }
        &'wx-gateway;spool;help;help'= {
        }
        &'wx-gateway;reload'= {
            cand --pid-file 'The pid file `serve --pid-file` wrote'
            cand -c 'Validate this config first (as `serve --check` does, unknown keys only warned about), and signal nothing when it is invalid. Give the file the gateway runs with'
            cand --config 'Validate this config first (as `serve --check` does, unknown keys only warned about), and signal nothing when it is invalid. Give the file the gateway runs with'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'wx-gateway;completions'= {
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'wx-gateway;init'= {
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'wx-gateway;help'= {
            cand serve 'Run the gateway'
            cand simulate 'Play WeChat against a running gateway'
            cand decrypt 'Decrypt a captured payload, offline'
            cand menu-url 'Build OAuth links for menu buttons'
            cand menu 'Manage an account''s custom menu'
            cand token 'Print an account''s access_token'
            cand spool 'Inspect and change the spool: the pushes waiting for redelivery and the dead letters; pause and resume a service''s delivery'
            cand reload 'Make a running gateway reload its config (SIGHUP)'
            cand completions 'Print a shell completion script'
            cand init 'Write a starter config'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'wx-gateway;help;serve'= {
        }
        &'wx-gateway;help;simulate'= {
            cand verify 'The GET echostr handshake of the server configuration page'
            cand text 'A text message'
            cand image 'An image message'
            cand voice 'A voice message'
            cand video 'A video message'
            cand shortvideo 'A short video message'
            cand location 'A location message'
            cand link 'A link message'
            cand subscribe 'A subscribe (follow) event'
            cand unsubscribe 'An unsubscribe event'
            cand scan 'A SCAN event (a follower scanned a parameter QR code)'
            cand click 'A CLICK menu event'
            cand view 'A VIEW menu event'
            cand location-report 'A LOCATION report event'
            cand scancode-push 'A scancode_push menu event'
            cand scancode-waitmsg 'A scancode_waitmsg menu event'
            cand pic-sysphoto 'A pic_sysphoto menu event'
            cand pic-photo-or-album 'A pic_photo_or_album menu event'
            cand pic-weixin 'A pic_weixin menu event'
            cand location-select 'A location_select menu event'
            cand template-finish 'A TEMPLATESENDJOBFINISH event'
            cand mass-finish 'A MASSSENDJOBFINISH event'
            cand raw 'Any XML push, from FILE or standard input (-). Sent as is (encrypted in compat/safe mode)'
        }
        &'wx-gateway;help;simulate;verify'= {
        }
        &'wx-gateway;help;simulate;text'= {
        }
        &'wx-gateway;help;simulate;image'= {
        }
        &'wx-gateway;help;simulate;voice'= {
        }
        &'wx-gateway;help;simulate;video'= {
        }
        &'wx-gateway;help;simulate;shortvideo'= {
        }
        &'wx-gateway;help;simulate;location'= {
        }
        &'wx-gateway;help;simulate;link'= {
        }
        &'wx-gateway;help;simulate;subscribe'= {
        }
        &'wx-gateway;help;simulate;unsubscribe'= {
        }
        &'wx-gateway;help;simulate;scan'= {
        }
        &'wx-gateway;help;simulate;click'= {
        }
        &'wx-gateway;help;simulate;view'= {
        }
        &'wx-gateway;help;simulate;location-report'= {
        }
        &'wx-gateway;help;simulate;scancode-push'= {
        }
        &'wx-gateway;help;simulate;scancode-waitmsg'= {
        }
        &'wx-gateway;help;simulate;pic-sysphoto'= {
        }
        &'wx-gateway;help;simulate;pic-photo-or-album'= {
        }
        &'wx-gateway;help;simulate;pic-weixin'= {
        }
        &'wx-gateway;help;simulate;location-select'= {
        }
        &'wx-gateway;help;simulate;template-finish'= {
        }
        &'wx-gateway;help;simulate;mass-finish'= {
        }
        &'wx-gateway;help;simulate;raw'= {
        }
        &'wx-gateway;help;decrypt'= {
        }
        &'wx-gateway;help;menu-url'= {
        }
        &'wx-gateway;help;menu'= {
            cand create 'Create the menu from FILE: WeChat''s menu JSON ({"button": […]}, e.g. from `menu-url --menu`) or what `menu get` printed'
            cand get 'Show the menu: WeChat''s answer, which `menu create` takes back'
            cand delete 'Delete the menu'
        }
        &'wx-gateway;help;menu;create'= {
        }
        &'wx-gateway;help;menu;get'= {
        }
        &'wx-gateway;help;menu;delete'= {
        }
        &'wx-gateway;help;token'= {
        }
        &'wx-gateway;help;spool'= {
            cand list 'List spooled pushes, oldest first: the queue, or the dead letters with --dead'
            cand show 'Show one push in full: its JSON body, its last 10 attempts and why it is dead'
            cand replay 'Put pushes back in the queue, due now: one (ID), the dead letters (--dead) or the queue (--all)'
            cand drop 'Delete pushes: one (ID) or dead letters (--dead). The queue is never dropped in bulk'
            cand stats 'Per service: pushes queued, the oldest one''s age, dead letters, replayed pushes still waiting, overdue pushes, whether paused; and the totals'
            cand pause 'Pause the delivery of a service''s pushes (for a planned backend deploy)'
            cand resume 'Resume the delivery of a paused service'
        }
        &'wx-gateway;help;spool;list'= {
        }
        &'wx-gateway;help;spool;show'= {
        }
        &'wx-gateway;help;spool;replay'= {
        }
        &'wx-gateway;help;spool;drop'= {
        }
        &'wx-gateway;help;spool;stats'= {
        }
        &'wx-gateway;help;spool;pause'= {
        }
        &'wx-gateway;help;spool;resume'= {
        }
        &'wx-gateway;help;reload'= {
        }
        &'wx-gateway;help;completions'= {
        }
        &'wx-gateway;help;init'= {
        }
        &'wx-gateway;help;help'= {
        }
    ]
    $completions[$command]
}
