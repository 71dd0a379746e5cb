
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'wx-gateway' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'wx-gateway'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'wx-gateway' {
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print the version and exit')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print the version and exit')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Run the gateway')
            [CompletionResult]::new('simulate', 'simulate', [CompletionResultType]::ParameterValue, 'Play WeChat against a running gateway')
            [CompletionResult]::new('decrypt', 'decrypt', [CompletionResultType]::ParameterValue, 'Decrypt a captured payload, offline')
            [CompletionResult]::new('menu-url', 'menu-url', [CompletionResultType]::ParameterValue, 'Build OAuth links for menu buttons')
            [CompletionResult]::new('menu', 'menu', [CompletionResultType]::ParameterValue, 'Manage an account''s custom menu')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Print an account''s access_token')
            [CompletionResult]::new('spool', 'spool', [CompletionResultType]::ParameterValue, 'Inspect and change the spool: the pushes waiting for redelivery and the dead letters; pause and resume a service''s delivery')
            [CompletionResult]::new('reload', 'reload', [CompletionResultType]::ParameterValue, 'Make a running gateway reload its config (SIGHUP)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write a starter config')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'wx-gateway;serve' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Config file (go-wx-gateway''s JSON format). Without it and without CONF_FILE, the embedded sample.conf.json runs: one echo-mode account on 127.0.0.1:7080')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (go-wx-gateway''s JSON format). Without it and without CONF_FILE, the embedded sample.conf.json runs: one echo-mode account on 127.0.0.1:7080')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Override the config''s listen-port (0 picks a free port; the address is logged)')
            [CompletionResult]::new('--pid-file', '--pid-file', [CompletionResultType]::ParameterName, 'Write the process id to FILE once serving (removed at exit), for `wx-gateway reload --pid-file FILE` and systemd''s PIDFile=. SIGHUP reloads the config either way')
            [CompletionResult]::new('--check', '--check', [CompletionResultType]::ParameterName, 'Validate the config and exit: 0 when valid, 2 on any error. Unknown keys are errors here')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'wx-gateway;simulate' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Config file to take the account from (the one `serve` reads)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to take the account from (the one `serve` reads)')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Service (account) name in the config; the first service by default')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'Service (account) name in the config; the first service by default')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'WeChat Token (overrides the config)')
            [CompletionResult]::new('--aes-key', '--aes-key', [CompletionResultType]::ParameterName, 'EncodingAESKey, 43 characters (overrides the config)')
            [CompletionResult]::new('--app-id', '--app-id', [CompletionResultType]::ParameterName, 'AppID (overrides the config)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (terminal, no NO_COLOR), always or never')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'plain, compat or safe (default safe when an aes-key is known, else plain)')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'The user''s openid (FromUserName)')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The account''s original id (ToUserName)')
            [CompletionResult]::new('--msg-id', '--msg-id', [CompletionResultType]::ParameterName, 'MsgId of a message (default: a fresh one from the clock)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Re-send the identical push N more times, as WeChat does when it gets no answer')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'With --count: pushes in flight at once (1 to 1024)')
            [CompletionResult]::new('--expect-text', '--expect-text', [CompletionResultType]::ParameterName, 'Fail (exit 1) unless the reply''s text matches this regular expression')
            [CompletionResult]::new('--expect-type', '--expect-type', [CompletionResultType]::ParameterName, 'Fail unless the reply''s MsgType is TYPE')
            [CompletionResult]::new('--expect-status', '--expect-status', [CompletionResultType]::ParameterName, 'Fail unless the HTTP status is CODE (default: fail on anything but 200)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the gateway''s answer (1 to 3600)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object instead of text (for scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the signed request (as a curl command; with --json as JSON) instead of sending it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML')
            [CompletionResult]::new('--allow-backend-error', '--allow-backend-error', [CompletionResultType]::ParameterName, 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'The GET echostr handshake of the server configuration page')
            [CompletionResult]::new('text', 'text', [CompletionResultType]::ParameterValue, 'A text message')
            [CompletionResult]::new('image', 'image', [CompletionResultType]::ParameterValue, 'An image message')
            [CompletionResult]::new('voice', 'voice', [CompletionResultType]::ParameterValue, 'A voice message')
            [CompletionResult]::new('video', 'video', [CompletionResultType]::ParameterValue, 'A video message')
            [CompletionResult]::new('shortvideo', 'shortvideo', [CompletionResultType]::ParameterValue, 'A short video message')
            [CompletionResult]::new('location', 'location', [CompletionResultType]::ParameterValue, 'A location message')
            [CompletionResult]::new('link', 'link', [CompletionResultType]::ParameterValue, 'A link message')
            [CompletionResult]::new('subscribe', 'subscribe', [CompletionResultType]::ParameterValue, 'A subscribe (follow) event')
            [CompletionResult]::new('unsubscribe', 'unsubscribe', [CompletionResultType]::ParameterValue, 'An unsubscribe event')
            [CompletionResult]::new('scan', 'scan', [CompletionResultType]::ParameterValue, 'A SCAN event (a follower scanned a parameter QR code)')
            [CompletionResult]::new('click', 'click', [CompletionResultType]::ParameterValue, 'A CLICK menu event')
            [CompletionResult]::new('view', 'view', [CompletionResultType]::ParameterValue, 'A VIEW menu event')
            [CompletionResult]::new('location-report', 'location-report', [CompletionResultType]::ParameterValue, 'A LOCATION report event')
            [CompletionResult]::new('scancode-push', 'scancode-push', [CompletionResultType]::ParameterValue, 'A scancode_push menu event')
            [CompletionResult]::new('scancode-waitmsg', 'scancode-waitmsg', [CompletionResultType]::ParameterValue, 'A scancode_waitmsg menu event')
            [CompletionResult]::new('pic-sysphoto', 'pic-sysphoto', [CompletionResultType]::ParameterValue, 'A pic_sysphoto menu event')
            [CompletionResult]::new('pic-photo-or-album', 'pic-photo-or-album', [CompletionResultType]::ParameterValue, 'A pic_photo_or_album menu event')
            [CompletionResult]::new('pic-weixin', 'pic-weixin', [CompletionResultType]::ParameterValue, 'A pic_weixin menu event')
            [CompletionResult]::new('location-select', 'location-select', [CompletionResultType]::ParameterValue, 'A location_select menu event')
            [CompletionResult]::new('template-finish', 'template-finish', [CompletionResultType]::ParameterValue, 'A TEMPLATESENDJOBFINISH event')
            [CompletionResult]::new('mass-finish', 'mass-finish', [CompletionResultType]::ParameterValue, 'A MASSSENDJOBFINISH event')
            [CompletionResult]::new('raw', 'raw', [CompletionResultType]::ParameterValue, 'Any XML push, from FILE or standard input (-). Sent as is (encrypted in compat/safe mode)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'wx-gateway;simulate;verify' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Config file to take the account from (the one `serve` reads)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to take the account from (the one `serve` reads)')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Service (account) name in the config; the first service by default')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'Service (account) name in the config; the first service by default')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'WeChat Token (overrides the config)')
            [CompletionResult]::new('--aes-key', '--aes-key', [CompletionResultType]::ParameterName, 'EncodingAESKey, 43 characters (overrides the config)')
            [CompletionResult]::new('--app-id', '--app-id', [CompletionResultType]::ParameterName, 'AppID (overrides the config)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (terminal, no NO_COLOR), always or never')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'plain, compat or safe (default safe when an aes-key is known, else plain)')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'The user''s openid (FromUserName)')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The account''s original id (ToUserName)')
            [CompletionResult]::new('--msg-id', '--msg-id', [CompletionResultType]::ParameterName, 'MsgId of a message (default: a fresh one from the clock)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Re-send the identical push N more times, as WeChat does when it gets no answer')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'With --count: pushes in flight at once (1 to 1024)')
            [CompletionResult]::new('--expect-text', '--expect-text', [CompletionResultType]::ParameterName, 'Fail (exit 1) unless the reply''s text matches this regular expression')
            [CompletionResult]::new('--expect-type', '--expect-type', [CompletionResultType]::ParameterName, 'Fail unless the reply''s MsgType is TYPE')
            [CompletionResult]::new('--expect-status', '--expect-status', [CompletionResultType]::ParameterName, 'Fail unless the HTTP status is CODE (default: fail on anything but 200)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the gateway''s answer (1 to 3600)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object instead of text (for scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the signed request (as a curl command; with --json as JSON) instead of sending it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML')
            [CompletionResult]::new('--allow-backend-error', '--allow-backend-error', [CompletionResultType]::ParameterName, 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'wx-gateway;simulate;text' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Config file to take the account from (the one `serve` reads)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to take the account from (the one `serve` reads)')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Service (account) name in the config; the first service by default')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'Service (account) name in the config; the first service by default')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'WeChat Token (overrides the config)')
            [CompletionResult]::new('--aes-key', '--aes-key', [CompletionResultType]::ParameterName, 'EncodingAESKey, 43 characters (overrides the config)')
            [CompletionResult]::new('--app-id', '--app-id', [CompletionResultType]::ParameterName, 'AppID (overrides the config)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (terminal, no NO_COLOR), always or never')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'plain, compat or safe (default safe when an aes-key is known, else plain)')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'The user''s openid (FromUserName)')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The account''s original id (ToUserName)')
            [CompletionResult]::new('--msg-id', '--msg-id', [CompletionResultType]::ParameterName, 'MsgId of a message (default: a fresh one from the clock)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Re-send the identical push N more times, as WeChat does when it gets no answer')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'With --count: pushes in flight at once (1 to 1024)')
            [CompletionResult]::new('--expect-text', '--expect-text', [CompletionResultType]::ParameterName, 'Fail (exit 1) unless the reply''s text matches this regular expression')
            [CompletionResult]::new('--expect-type', '--expect-type', [CompletionResultType]::ParameterName, 'Fail unless the reply''s MsgType is TYPE')
            [CompletionResult]::new('--expect-status', '--expect-status', [CompletionResultType]::ParameterName, 'Fail unless the HTTP status is CODE (default: fail on anything but 200)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the gateway''s answer (1 to 3600)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object instead of text (for scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the signed request (as a curl command; with --json as JSON) instead of sending it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML')
            [CompletionResult]::new('--allow-backend-error', '--allow-backend-error', [CompletionResultType]::ParameterName, 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'wx-gateway;simulate;image' {
            [CompletionResult]::new('--media-id', '--media-id', [CompletionResultType]::ParameterName, 'The media id (MediaId)')
            [CompletionResult]::new('--pic-url', '--pic-url', [CompletionResultType]::ParameterName, 'The picture''s URL (PicUrl)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Config file to take the account from (the one `serve` reads)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to take the account from (the one `serve` reads)')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Service (account) name in the config; the first service by default')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'Service (account) name in the config; the first service by default')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'WeChat Token (overrides the config)')
            [CompletionResult]::new('--aes-key', '--aes-key', [CompletionResultType]::ParameterName, 'EncodingAESKey, 43 characters (overrides the config)')
            [CompletionResult]::new('--app-id', '--app-id', [CompletionResultType]::ParameterName, 'AppID (overrides the config)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (terminal, no NO_COLOR), always or never')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'plain, compat or safe (default safe when an aes-key is known, else plain)')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'The user''s openid (FromUserName)')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The account''s original id (ToUserName)')
            [CompletionResult]::new('--msg-id', '--msg-id', [CompletionResultType]::ParameterName, 'MsgId of a message (default: a fresh one from the clock)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Re-send the identical push N more times, as WeChat does when it gets no answer')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'With --count: pushes in flight at once (1 to 1024)')
            [CompletionResult]::new('--expect-text', '--expect-text', [CompletionResultType]::ParameterName, 'Fail (exit 1) unless the reply''s text matches this regular expression')
            [CompletionResult]::new('--expect-type', '--expect-type', [CompletionResultType]::ParameterName, 'Fail unless the reply''s MsgType is TYPE')
            [CompletionResult]::new('--expect-status', '--expect-status', [CompletionResultType]::ParameterName, 'Fail unless the HTTP status is CODE (default: fail on anything but 200)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the gateway''s answer (1 to 3600)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object instead of text (for scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the signed request (as a curl command; with --json as JSON) instead of sending it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML')
            [CompletionResult]::new('--allow-backend-error', '--allow-backend-error', [CompletionResultType]::ParameterName, 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'wx-gateway;simulate;voice' {
            [CompletionResult]::new('--media-id', '--media-id', [CompletionResultType]::ParameterName, 'The media id (MediaId)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'The audio format (Format)')
            [CompletionResult]::new('--recognition', '--recognition', [CompletionResultType]::ParameterName, 'Speech recognition result')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Config file to take the account from (the one `serve` reads)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to take the account from (the one `serve` reads)')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Service (account) name in the config; the first service by default')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'Service (account) name in the config; the first service by default')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'WeChat Token (overrides the config)')
            [CompletionResult]::new('--aes-key', '--aes-key', [CompletionResultType]::ParameterName, 'EncodingAESKey, 43 characters (overrides the config)')
            [CompletionResult]::new('--app-id', '--app-id', [CompletionResultType]::ParameterName, 'AppID (overrides the config)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (terminal, no NO_COLOR), always or never')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'plain, compat or safe (default safe when an aes-key is known, else plain)')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'The user''s openid (FromUserName)')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The account''s original id (ToUserName)')
            [CompletionResult]::new('--msg-id', '--msg-id', [CompletionResultType]::ParameterName, 'MsgId of a message (default: a fresh one from the clock)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Re-send the identical push N more times, as WeChat does when it gets no answer')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'With --count: pushes in flight at once (1 to 1024)')
            [CompletionResult]::new('--expect-text', '--expect-text', [CompletionResultType]::ParameterName, 'Fail (exit 1) unless the reply''s text matches this regular expression')
            [CompletionResult]::new('--expect-type', '--expect-type', [CompletionResultType]::ParameterName, 'Fail unless the reply''s MsgType is TYPE')
            [CompletionResult]::new('--expect-status', '--expect-status', [CompletionResultType]::ParameterName, 'Fail unless the HTTP status is CODE (default: fail on anything but 200)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the gateway''s answer (1 to 3600)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object instead of text (for scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the signed request (as a curl command; with --json as JSON) instead of sending it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML')
            [CompletionResult]::new('--allow-backend-error', '--allow-backend-error', [CompletionResultType]::ParameterName, 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'wx-gateway;simulate;video' {
            [CompletionResult]::new('--media-id', '--media-id', [CompletionResultType]::ParameterName, 'The media id (MediaId)')
            [CompletionResult]::new('--thumb-media-id', '--thumb-media-id', [CompletionResultType]::ParameterName, 'The thumbnail''s media id (ThumbMediaId)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Config file to take the account from (the one `serve` reads)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to take the account from (the one `serve` reads)')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Service (account) name in the config; the first service by default')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'Service (account) name in the config; the first service by default')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'WeChat Token (overrides the config)')
            [CompletionResult]::new('--aes-key', '--aes-key', [CompletionResultType]::ParameterName, 'EncodingAESKey, 43 characters (overrides the config)')
            [CompletionResult]::new('--app-id', '--app-id', [CompletionResultType]::ParameterName, 'AppID (overrides the config)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (terminal, no NO_COLOR), always or never')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'plain, compat or safe (default safe when an aes-key is known, else plain)')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'The user''s openid (FromUserName)')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The account''s original id (ToUserName)')
            [CompletionResult]::new('--msg-id', '--msg-id', [CompletionResultType]::ParameterName, 'MsgId of a message (default: a fresh one from the clock)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Re-send the identical push N more times, as WeChat does when it gets no answer')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'With --count: pushes in flight at once (1 to 1024)')
            [CompletionResult]::new('--expect-text', '--expect-text', [CompletionResultType]::ParameterName, 'Fail (exit 1) unless the reply''s text matches this regular expression')
            [CompletionResult]::new('--expect-type', '--expect-type', [CompletionResultType]::ParameterName, 'Fail unless the reply''s MsgType is TYPE')
            [CompletionResult]::new('--expect-status', '--expect-status', [CompletionResultType]::ParameterName, 'Fail unless the HTTP status is CODE (default: fail on anything but 200)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the gateway''s answer (1 to 3600)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object instead of text (for scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the signed request (as a curl command; with --json as JSON) instead of sending it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML')
            [CompletionResult]::new('--allow-backend-error', '--allow-backend-error', [CompletionResultType]::ParameterName, 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'wx-gateway;simulate;shortvideo' {
            [CompletionResult]::new('--media-id', '--media-id', [CompletionResultType]::ParameterName, 'The media id (MediaId)')
            [CompletionResult]::new('--thumb-media-id', '--thumb-media-id', [CompletionResultType]::ParameterName, 'The thumbnail''s media id (ThumbMediaId)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Config file to take the account from (the one `serve` reads)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to take the account from (the one `serve` reads)')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Service (account) name in the config; the first service by default')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'Service (account) name in the config; the first service by default')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'WeChat Token (overrides the config)')
            [CompletionResult]::new('--aes-key', '--aes-key', [CompletionResultType]::ParameterName, 'EncodingAESKey, 43 characters (overrides the config)')
            [CompletionResult]::new('--app-id', '--app-id', [CompletionResultType]::ParameterName, 'AppID (overrides the config)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (terminal, no NO_COLOR), always or never')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'plain, compat or safe (default safe when an aes-key is known, else plain)')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'The user''s openid (FromUserName)')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The account''s original id (ToUserName)')
            [CompletionResult]::new('--msg-id', '--msg-id', [CompletionResultType]::ParameterName, 'MsgId of a message (default: a fresh one from the clock)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Re-send the identical push N more times, as WeChat does when it gets no answer')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'With --count: pushes in flight at once (1 to 1024)')
            [CompletionResult]::new('--expect-text', '--expect-text', [CompletionResultType]::ParameterName, 'Fail (exit 1) unless the reply''s text matches this regular expression')
            [CompletionResult]::new('--expect-type', '--expect-type', [CompletionResultType]::ParameterName, 'Fail unless the reply''s MsgType is TYPE')
            [CompletionResult]::new('--expect-status', '--expect-status', [CompletionResultType]::ParameterName, 'Fail unless the HTTP status is CODE (default: fail on anything but 200)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the gateway''s answer (1 to 3600)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object instead of text (for scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the signed request (as a curl command; with --json as JSON) instead of sending it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML')
            [CompletionResult]::new('--allow-backend-error', '--allow-backend-error', [CompletionResultType]::ParameterName, 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'wx-gateway;simulate;location' {
            [CompletionResult]::new('--lat', '--lat', [CompletionResultType]::ParameterName, 'Latitude')
            [CompletionResult]::new('--lng', '--lng', [CompletionResultType]::ParameterName, 'Longitude')
            [CompletionResult]::new('--scale', '--scale', [CompletionResultType]::ParameterName, 'Map zoom level (Scale)')
            [CompletionResult]::new('--label', '--label', [CompletionResultType]::ParameterName, 'The place''s name (Label)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Config file to take the account from (the one `serve` reads)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to take the account from (the one `serve` reads)')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Service (account) name in the config; the first service by default')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'Service (account) name in the config; the first service by default')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'WeChat Token (overrides the config)')
            [CompletionResult]::new('--aes-key', '--aes-key', [CompletionResultType]::ParameterName, 'EncodingAESKey, 43 characters (overrides the config)')
            [CompletionResult]::new('--app-id', '--app-id', [CompletionResultType]::ParameterName, 'AppID (overrides the config)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (terminal, no NO_COLOR), always or never')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'plain, compat or safe (default safe when an aes-key is known, else plain)')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'The user''s openid (FromUserName)')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The account''s original id (ToUserName)')
            [CompletionResult]::new('--msg-id', '--msg-id', [CompletionResultType]::ParameterName, 'MsgId of a message (default: a fresh one from the clock)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Re-send the identical push N more times, as WeChat does when it gets no answer')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'With --count: pushes in flight at once (1 to 1024)')
            [CompletionResult]::new('--expect-text', '--expect-text', [CompletionResultType]::ParameterName, 'Fail (exit 1) unless the reply''s text matches this regular expression')
            [CompletionResult]::new('--expect-type', '--expect-type', [CompletionResultType]::ParameterName, 'Fail unless the reply''s MsgType is TYPE')
            [CompletionResult]::new('--expect-status', '--expect-status', [CompletionResultType]::ParameterName, 'Fail unless the HTTP status is CODE (default: fail on anything but 200)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the gateway''s answer (1 to 3600)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object instead of text (for scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the signed request (as a curl command; with --json as JSON) instead of sending it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML')
            [CompletionResult]::new('--allow-backend-error', '--allow-backend-error', [CompletionResultType]::ParameterName, 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'wx-gateway;simulate;link' {
            [CompletionResult]::new('--title', '--title', [CompletionResultType]::ParameterName, 'The link''s title')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'The link''s description')
            [CompletionResult]::new('--link-url', '--link-url', [CompletionResultType]::ParameterName, 'The linked URL (`--url` is the gateway''s)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Config file to take the account from (the one `serve` reads)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to take the account from (the one `serve` reads)')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Service (account) name in the config; the first service by default')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'Service (account) name in the config; the first service by default')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'WeChat Token (overrides the config)')
            [CompletionResult]::new('--aes-key', '--aes-key', [CompletionResultType]::ParameterName, 'EncodingAESKey, 43 characters (overrides the config)')
            [CompletionResult]::new('--app-id', '--app-id', [CompletionResultType]::ParameterName, 'AppID (overrides the config)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (terminal, no NO_COLOR), always or never')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'plain, compat or safe (default safe when an aes-key is known, else plain)')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'The user''s openid (FromUserName)')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The account''s original id (ToUserName)')
            [CompletionResult]::new('--msg-id', '--msg-id', [CompletionResultType]::ParameterName, 'MsgId of a message (default: a fresh one from the clock)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Re-send the identical push N more times, as WeChat does when it gets no answer')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'With --count: pushes in flight at once (1 to 1024)')
            [CompletionResult]::new('--expect-text', '--expect-text', [CompletionResultType]::ParameterName, 'Fail (exit 1) unless the reply''s text matches this regular expression')
            [CompletionResult]::new('--expect-type', '--expect-type', [CompletionResultType]::ParameterName, 'Fail unless the reply''s MsgType is TYPE')
            [CompletionResult]::new('--expect-status', '--expect-status', [CompletionResultType]::ParameterName, 'Fail unless the HTTP status is CODE (default: fail on anything but 200)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the gateway''s answer (1 to 3600)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object instead of text (for scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the signed request (as a curl command; with --json as JSON) instead of sending it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML')
            [CompletionResult]::new('--allow-backend-error', '--allow-backend-error', [CompletionResultType]::ParameterName, 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'wx-gateway;simulate;subscribe' {
            [CompletionResult]::new('--scene', '--scene', [CompletionResultType]::ParameterName, 'QR scene of a scan-to-follow (sent as EventKey qrscene_<S> with a Ticket)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Config file to take the account from (the one `serve` reads)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to take the account from (the one `serve` reads)')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Service (account) name in the config; the first service by default')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'Service (account) name in the config; the first service by default')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'WeChat Token (overrides the config)')
            [CompletionResult]::new('--aes-key', '--aes-key', [CompletionResultType]::ParameterName, 'EncodingAESKey, 43 characters (overrides the config)')
            [CompletionResult]::new('--app-id', '--app-id', [CompletionResultType]::ParameterName, 'AppID (overrides the config)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (terminal, no NO_COLOR), always or never')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'plain, compat or safe (default safe when an aes-key is known, else plain)')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'The user''s openid (FromUserName)')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The account''s original id (ToUserName)')
            [CompletionResult]::new('--msg-id', '--msg-id', [CompletionResultType]::ParameterName, 'MsgId of a message (default: a fresh one from the clock)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Re-send the identical push N more times, as WeChat does when it gets no answer')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'With --count: pushes in flight at once (1 to 1024)')
            [CompletionResult]::new('--expect-text', '--expect-text', [CompletionResultType]::ParameterName, 'Fail (exit 1) unless the reply''s text matches this regular expression')
            [CompletionResult]::new('--expect-type', '--expect-type', [CompletionResultType]::ParameterName, 'Fail unless the reply''s MsgType is TYPE')
            [CompletionResult]::new('--expect-status', '--expect-status', [CompletionResultType]::ParameterName, 'Fail unless the HTTP status is CODE (default: fail on anything but 200)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the gateway''s answer (1 to 3600)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object instead of text (for scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the signed request (as a curl command; with --json as JSON) instead of sending it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML')
            [CompletionResult]::new('--allow-backend-error', '--allow-backend-error', [CompletionResultType]::ParameterName, 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'wx-gateway;simulate;unsubscribe' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Config file to take the account from (the one `serve` reads)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to take the account from (the one `serve` reads)')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Service (account) name in the config; the first service by default')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'Service (account) name in the config; the first service by default')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'WeChat Token (overrides the config)')
            [CompletionResult]::new('--aes-key', '--aes-key', [CompletionResultType]::ParameterName, 'EncodingAESKey, 43 characters (overrides the config)')
            [CompletionResult]::new('--app-id', '--app-id', [CompletionResultType]::ParameterName, 'AppID (overrides the config)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (terminal, no NO_COLOR), always or never')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'plain, compat or safe (default safe when an aes-key is known, else plain)')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'The user''s openid (FromUserName)')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The account''s original id (ToUserName)')
            [CompletionResult]::new('--msg-id', '--msg-id', [CompletionResultType]::ParameterName, 'MsgId of a message (default: a fresh one from the clock)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Re-send the identical push N more times, as WeChat does when it gets no answer')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'With --count: pushes in flight at once (1 to 1024)')
            [CompletionResult]::new('--expect-text', '--expect-text', [CompletionResultType]::ParameterName, 'Fail (exit 1) unless the reply''s text matches this regular expression')
            [CompletionResult]::new('--expect-type', '--expect-type', [CompletionResultType]::ParameterName, 'Fail unless the reply''s MsgType is TYPE')
            [CompletionResult]::new('--expect-status', '--expect-status', [CompletionResultType]::ParameterName, 'Fail unless the HTTP status is CODE (default: fail on anything but 200)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the gateway''s answer (1 to 3600)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object instead of text (for scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the signed request (as a curl command; with --json as JSON) instead of sending it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML')
            [CompletionResult]::new('--allow-backend-error', '--allow-backend-error', [CompletionResultType]::ParameterName, 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'wx-gateway;simulate;scan' {
            [CompletionResult]::new('--scene', '--scene', [CompletionResultType]::ParameterName, 'The QR code''s scene (EventKey)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Config file to take the account from (the one `serve` reads)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to take the account from (the one `serve` reads)')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Service (account) name in the config; the first service by default')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'Service (account) name in the config; the first service by default')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'WeChat Token (overrides the config)')
            [CompletionResult]::new('--aes-key', '--aes-key', [CompletionResultType]::ParameterName, 'EncodingAESKey, 43 characters (overrides the config)')
            [CompletionResult]::new('--app-id', '--app-id', [CompletionResultType]::ParameterName, 'AppID (overrides the config)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (terminal, no NO_COLOR), always or never')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'plain, compat or safe (default safe when an aes-key is known, else plain)')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'The user''s openid (FromUserName)')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The account''s original id (ToUserName)')
            [CompletionResult]::new('--msg-id', '--msg-id', [CompletionResultType]::ParameterName, 'MsgId of a message (default: a fresh one from the clock)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Re-send the identical push N more times, as WeChat does when it gets no answer')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'With --count: pushes in flight at once (1 to 1024)')
            [CompletionResult]::new('--expect-text', '--expect-text', [CompletionResultType]::ParameterName, 'Fail (exit 1) unless the reply''s text matches this regular expression')
            [CompletionResult]::new('--expect-type', '--expect-type', [CompletionResultType]::ParameterName, 'Fail unless the reply''s MsgType is TYPE')
            [CompletionResult]::new('--expect-status', '--expect-status', [CompletionResultType]::ParameterName, 'Fail unless the HTTP status is CODE (default: fail on anything but 200)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the gateway''s answer (1 to 3600)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object instead of text (for scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the signed request (as a curl command; with --json as JSON) instead of sending it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML')
            [CompletionResult]::new('--allow-backend-error', '--allow-backend-error', [CompletionResultType]::ParameterName, 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'wx-gateway;simulate;click' {
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'The menu button''s key (EventKey)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Config file to take the account from (the one `serve` reads)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to take the account from (the one `serve` reads)')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Service (account) name in the config; the first service by default')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'Service (account) name in the config; the first service by default')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'WeChat Token (overrides the config)')
            [CompletionResult]::new('--aes-key', '--aes-key', [CompletionResultType]::ParameterName, 'EncodingAESKey, 43 characters (overrides the config)')
            [CompletionResult]::new('--app-id', '--app-id', [CompletionResultType]::ParameterName, 'AppID (overrides the config)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (terminal, no NO_COLOR), always or never')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'plain, compat or safe (default safe when an aes-key is known, else plain)')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'The user''s openid (FromUserName)')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The account''s original id (ToUserName)')
            [CompletionResult]::new('--msg-id', '--msg-id', [CompletionResultType]::ParameterName, 'MsgId of a message (default: a fresh one from the clock)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Re-send the identical push N more times, as WeChat does when it gets no answer')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'With --count: pushes in flight at once (1 to 1024)')
            [CompletionResult]::new('--expect-text', '--expect-text', [CompletionResultType]::ParameterName, 'Fail (exit 1) unless the reply''s text matches this regular expression')
            [CompletionResult]::new('--expect-type', '--expect-type', [CompletionResultType]::ParameterName, 'Fail unless the reply''s MsgType is TYPE')
            [CompletionResult]::new('--expect-status', '--expect-status', [CompletionResultType]::ParameterName, 'Fail unless the HTTP status is CODE (default: fail on anything but 200)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the gateway''s answer (1 to 3600)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object instead of text (for scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the signed request (as a curl command; with --json as JSON) instead of sending it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML')
            [CompletionResult]::new('--allow-backend-error', '--allow-backend-error', [CompletionResultType]::ParameterName, 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'wx-gateway;simulate;view' {
            [CompletionResult]::new('--view-url', '--view-url', [CompletionResultType]::ParameterName, 'The menu button''s URL, sent as EventKey (`--url` is the gateway''s)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Config file to take the account from (the one `serve` reads)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to take the account from (the one `serve` reads)')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Service (account) name in the config; the first service by default')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'Service (account) name in the config; the first service by default')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'WeChat Token (overrides the config)')
            [CompletionResult]::new('--aes-key', '--aes-key', [CompletionResultType]::ParameterName, 'EncodingAESKey, 43 characters (overrides the config)')
            [CompletionResult]::new('--app-id', '--app-id', [CompletionResultType]::ParameterName, 'AppID (overrides the config)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (terminal, no NO_COLOR), always or never')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'plain, compat or safe (default safe when an aes-key is known, else plain)')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'The user''s openid (FromUserName)')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The account''s original id (ToUserName)')
            [CompletionResult]::new('--msg-id', '--msg-id', [CompletionResultType]::ParameterName, 'MsgId of a message (default: a fresh one from the clock)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Re-send the identical push N more times, as WeChat does when it gets no answer')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'With --count: pushes in flight at once (1 to 1024)')
            [CompletionResult]::new('--expect-text', '--expect-text', [CompletionResultType]::ParameterName, 'Fail (exit 1) unless the reply''s text matches this regular expression')
            [CompletionResult]::new('--expect-type', '--expect-type', [CompletionResultType]::ParameterName, 'Fail unless the reply''s MsgType is TYPE')
            [CompletionResult]::new('--expect-status', '--expect-status', [CompletionResultType]::ParameterName, 'Fail unless the HTTP status is CODE (default: fail on anything but 200)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the gateway''s answer (1 to 3600)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object instead of text (for scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the signed request (as a curl command; with --json as JSON) instead of sending it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML')
            [CompletionResult]::new('--allow-backend-error', '--allow-backend-error', [CompletionResultType]::ParameterName, 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'wx-gateway;simulate;location-report' {
            [CompletionResult]::new('--lat', '--lat', [CompletionResultType]::ParameterName, 'Latitude')
            [CompletionResult]::new('--lng', '--lng', [CompletionResultType]::ParameterName, 'Longitude')
            [CompletionResult]::new('--precision', '--precision', [CompletionResultType]::ParameterName, 'Accuracy in metres (Precision)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Config file to take the account from (the one `serve` reads)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to take the account from (the one `serve` reads)')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Service (account) name in the config; the first service by default')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'Service (account) name in the config; the first service by default')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'WeChat Token (overrides the config)')
            [CompletionResult]::new('--aes-key', '--aes-key', [CompletionResultType]::ParameterName, 'EncodingAESKey, 43 characters (overrides the config)')
            [CompletionResult]::new('--app-id', '--app-id', [CompletionResultType]::ParameterName, 'AppID (overrides the config)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (terminal, no NO_COLOR), always or never')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'plain, compat or safe (default safe when an aes-key is known, else plain)')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'The user''s openid (FromUserName)')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The account''s original id (ToUserName)')
            [CompletionResult]::new('--msg-id', '--msg-id', [CompletionResultType]::ParameterName, 'MsgId of a message (default: a fresh one from the clock)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Re-send the identical push N more times, as WeChat does when it gets no answer')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'With --count: pushes in flight at once (1 to 1024)')
            [CompletionResult]::new('--expect-text', '--expect-text', [CompletionResultType]::ParameterName, 'Fail (exit 1) unless the reply''s text matches this regular expression')
            [CompletionResult]::new('--expect-type', '--expect-type', [CompletionResultType]::ParameterName, 'Fail unless the reply''s MsgType is TYPE')
            [CompletionResult]::new('--expect-status', '--expect-status', [CompletionResultType]::ParameterName, 'Fail unless the HTTP status is CODE (default: fail on anything but 200)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the gateway''s answer (1 to 3600)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object instead of text (for scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the signed request (as a curl command; with --json as JSON) instead of sending it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML')
            [CompletionResult]::new('--allow-backend-error', '--allow-backend-error', [CompletionResultType]::ParameterName, 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'wx-gateway;simulate;scancode-push' {
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'The menu button''s key (EventKey)')
            [CompletionResult]::new('--result', '--result', [CompletionResultType]::ParameterName, 'What the scan read (ScanResult)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Config file to take the account from (the one `serve` reads)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to take the account from (the one `serve` reads)')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Service (account) name in the config; the first service by default')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'Service (account) name in the config; the first service by default')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'WeChat Token (overrides the config)')
            [CompletionResult]::new('--aes-key', '--aes-key', [CompletionResultType]::ParameterName, 'EncodingAESKey, 43 characters (overrides the config)')
            [CompletionResult]::new('--app-id', '--app-id', [CompletionResultType]::ParameterName, 'AppID (overrides the config)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (terminal, no NO_COLOR), always or never')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'plain, compat or safe (default safe when an aes-key is known, else plain)')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'The user''s openid (FromUserName)')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The account''s original id (ToUserName)')
            [CompletionResult]::new('--msg-id', '--msg-id', [CompletionResultType]::ParameterName, 'MsgId of a message (default: a fresh one from the clock)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Re-send the identical push N more times, as WeChat does when it gets no answer')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'With --count: pushes in flight at once (1 to 1024)')
            [CompletionResult]::new('--expect-text', '--expect-text', [CompletionResultType]::ParameterName, 'Fail (exit 1) unless the reply''s text matches this regular expression')
            [CompletionResult]::new('--expect-type', '--expect-type', [CompletionResultType]::ParameterName, 'Fail unless the reply''s MsgType is TYPE')
            [CompletionResult]::new('--expect-status', '--expect-status', [CompletionResultType]::ParameterName, 'Fail unless the HTTP status is CODE (default: fail on anything but 200)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the gateway''s answer (1 to 3600)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object instead of text (for scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the signed request (as a curl command; with --json as JSON) instead of sending it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML')
            [CompletionResult]::new('--allow-backend-error', '--allow-backend-error', [CompletionResultType]::ParameterName, 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'wx-gateway;simulate;scancode-waitmsg' {
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'The menu button''s key (EventKey)')
            [CompletionResult]::new('--result', '--result', [CompletionResultType]::ParameterName, 'What the scan read (ScanResult)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Config file to take the account from (the one `serve` reads)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to take the account from (the one `serve` reads)')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Service (account) name in the config; the first service by default')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'Service (account) name in the config; the first service by default')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'WeChat Token (overrides the config)')
            [CompletionResult]::new('--aes-key', '--aes-key', [CompletionResultType]::ParameterName, 'EncodingAESKey, 43 characters (overrides the config)')
            [CompletionResult]::new('--app-id', '--app-id', [CompletionResultType]::ParameterName, 'AppID (overrides the config)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (terminal, no NO_COLOR), always or never')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'plain, compat or safe (default safe when an aes-key is known, else plain)')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'The user''s openid (FromUserName)')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The account''s original id (ToUserName)')
            [CompletionResult]::new('--msg-id', '--msg-id', [CompletionResultType]::ParameterName, 'MsgId of a message (default: a fresh one from the clock)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Re-send the identical push N more times, as WeChat does when it gets no answer')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'With --count: pushes in flight at once (1 to 1024)')
            [CompletionResult]::new('--expect-text', '--expect-text', [CompletionResultType]::ParameterName, 'Fail (exit 1) unless the reply''s text matches this regular expression')
            [CompletionResult]::new('--expect-type', '--expect-type', [CompletionResultType]::ParameterName, 'Fail unless the reply''s MsgType is TYPE')
            [CompletionResult]::new('--expect-status', '--expect-status', [CompletionResultType]::ParameterName, 'Fail unless the HTTP status is CODE (default: fail on anything but 200)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the gateway''s answer (1 to 3600)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object instead of text (for scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the signed request (as a curl command; with --json as JSON) instead of sending it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML')
            [CompletionResult]::new('--allow-backend-error', '--allow-backend-error', [CompletionResultType]::ParameterName, 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'wx-gateway;simulate;pic-sysphoto' {
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'The menu button''s key (EventKey)')
            [CompletionResult]::new('--pics', '--pics', [CompletionResultType]::ParameterName, 'How many pictures were sent (Count)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Config file to take the account from (the one `serve` reads)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to take the account from (the one `serve` reads)')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Service (account) name in the config; the first service by default')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'Service (account) name in the config; the first service by default')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'WeChat Token (overrides the config)')
            [CompletionResult]::new('--aes-key', '--aes-key', [CompletionResultType]::ParameterName, 'EncodingAESKey, 43 characters (overrides the config)')
            [CompletionResult]::new('--app-id', '--app-id', [CompletionResultType]::ParameterName, 'AppID (overrides the config)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (terminal, no NO_COLOR), always or never')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'plain, compat or safe (default safe when an aes-key is known, else plain)')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'The user''s openid (FromUserName)')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The account''s original id (ToUserName)')
            [CompletionResult]::new('--msg-id', '--msg-id', [CompletionResultType]::ParameterName, 'MsgId of a message (default: a fresh one from the clock)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Re-send the identical push N more times, as WeChat does when it gets no answer')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'With --count: pushes in flight at once (1 to 1024)')
            [CompletionResult]::new('--expect-text', '--expect-text', [CompletionResultType]::ParameterName, 'Fail (exit 1) unless the reply''s text matches this regular expression')
            [CompletionResult]::new('--expect-type', '--expect-type', [CompletionResultType]::ParameterName, 'Fail unless the reply''s MsgType is TYPE')
            [CompletionResult]::new('--expect-status', '--expect-status', [CompletionResultType]::ParameterName, 'Fail unless the HTTP status is CODE (default: fail on anything but 200)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the gateway''s answer (1 to 3600)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object instead of text (for scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the signed request (as a curl command; with --json as JSON) instead of sending it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML')
            [CompletionResult]::new('--allow-backend-error', '--allow-backend-error', [CompletionResultType]::ParameterName, 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'wx-gateway;simulate;pic-photo-or-album' {
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'The menu button''s key (EventKey)')
            [CompletionResult]::new('--pics', '--pics', [CompletionResultType]::ParameterName, 'How many pictures were sent (Count)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Config file to take the account from (the one `serve` reads)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to take the account from (the one `serve` reads)')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Service (account) name in the config; the first service by default')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'Service (account) name in the config; the first service by default')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'WeChat Token (overrides the config)')
            [CompletionResult]::new('--aes-key', '--aes-key', [CompletionResultType]::ParameterName, 'EncodingAESKey, 43 characters (overrides the config)')
            [CompletionResult]::new('--app-id', '--app-id', [CompletionResultType]::ParameterName, 'AppID (overrides the config)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (terminal, no NO_COLOR), always or never')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'plain, compat or safe (default safe when an aes-key is known, else plain)')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'The user''s openid (FromUserName)')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The account''s original id (ToUserName)')
            [CompletionResult]::new('--msg-id', '--msg-id', [CompletionResultType]::ParameterName, 'MsgId of a message (default: a fresh one from the clock)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Re-send the identical push N more times, as WeChat does when it gets no answer')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'With --count: pushes in flight at once (1 to 1024)')
            [CompletionResult]::new('--expect-text', '--expect-text', [CompletionResultType]::ParameterName, 'Fail (exit 1) unless the reply''s text matches this regular expression')
            [CompletionResult]::new('--expect-type', '--expect-type', [CompletionResultType]::ParameterName, 'Fail unless the reply''s MsgType is TYPE')
            [CompletionResult]::new('--expect-status', '--expect-status', [CompletionResultType]::ParameterName, 'Fail unless the HTTP status is CODE (default: fail on anything but 200)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the gateway''s answer (1 to 3600)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object instead of text (for scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the signed request (as a curl command; with --json as JSON) instead of sending it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML')
            [CompletionResult]::new('--allow-backend-error', '--allow-backend-error', [CompletionResultType]::ParameterName, 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'wx-gateway;simulate;pic-weixin' {
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'The menu button''s key (EventKey)')
            [CompletionResult]::new('--pics', '--pics', [CompletionResultType]::ParameterName, 'How many pictures were sent (Count)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Config file to take the account from (the one `serve` reads)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to take the account from (the one `serve` reads)')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Service (account) name in the config; the first service by default')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'Service (account) name in the config; the first service by default')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'WeChat Token (overrides the config)')
            [CompletionResult]::new('--aes-key', '--aes-key', [CompletionResultType]::ParameterName, 'EncodingAESKey, 43 characters (overrides the config)')
            [CompletionResult]::new('--app-id', '--app-id', [CompletionResultType]::ParameterName, 'AppID (overrides the config)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (terminal, no NO_COLOR), always or never')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'plain, compat or safe (default safe when an aes-key is known, else plain)')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'The user''s openid (FromUserName)')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The account''s original id (ToUserName)')
            [CompletionResult]::new('--msg-id', '--msg-id', [CompletionResultType]::ParameterName, 'MsgId of a message (default: a fresh one from the clock)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Re-send the identical push N more times, as WeChat does when it gets no answer')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'With --count: pushes in flight at once (1 to 1024)')
            [CompletionResult]::new('--expect-text', '--expect-text', [CompletionResultType]::ParameterName, 'Fail (exit 1) unless the reply''s text matches this regular expression')
            [CompletionResult]::new('--expect-type', '--expect-type', [CompletionResultType]::ParameterName, 'Fail unless the reply''s MsgType is TYPE')
            [CompletionResult]::new('--expect-status', '--expect-status', [CompletionResultType]::ParameterName, 'Fail unless the HTTP status is CODE (default: fail on anything but 200)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the gateway''s answer (1 to 3600)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object instead of text (for scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the signed request (as a curl command; with --json as JSON) instead of sending it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML')
            [CompletionResult]::new('--allow-backend-error', '--allow-backend-error', [CompletionResultType]::ParameterName, 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'wx-gateway;simulate;location-select' {
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'The menu button''s key (EventKey)')
            [CompletionResult]::new('--label', '--label', [CompletionResultType]::ParameterName, 'The place''s name (Label)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Config file to take the account from (the one `serve` reads)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to take the account from (the one `serve` reads)')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Service (account) name in the config; the first service by default')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'Service (account) name in the config; the first service by default')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'WeChat Token (overrides the config)')
            [CompletionResult]::new('--aes-key', '--aes-key', [CompletionResultType]::ParameterName, 'EncodingAESKey, 43 characters (overrides the config)')
            [CompletionResult]::new('--app-id', '--app-id', [CompletionResultType]::ParameterName, 'AppID (overrides the config)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (terminal, no NO_COLOR), always or never')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'plain, compat or safe (default safe when an aes-key is known, else plain)')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'The user''s openid (FromUserName)')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The account''s original id (ToUserName)')
            [CompletionResult]::new('--msg-id', '--msg-id', [CompletionResultType]::ParameterName, 'MsgId of a message (default: a fresh one from the clock)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Re-send the identical push N more times, as WeChat does when it gets no answer')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'With --count: pushes in flight at once (1 to 1024)')
            [CompletionResult]::new('--expect-text', '--expect-text', [CompletionResultType]::ParameterName, 'Fail (exit 1) unless the reply''s text matches this regular expression')
            [CompletionResult]::new('--expect-type', '--expect-type', [CompletionResultType]::ParameterName, 'Fail unless the reply''s MsgType is TYPE')
            [CompletionResult]::new('--expect-status', '--expect-status', [CompletionResultType]::ParameterName, 'Fail unless the HTTP status is CODE (default: fail on anything but 200)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the gateway''s answer (1 to 3600)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object instead of text (for scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the signed request (as a curl command; with --json as JSON) instead of sending it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML')
            [CompletionResult]::new('--allow-backend-error', '--allow-backend-error', [CompletionResultType]::ParameterName, 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'wx-gateway;simulate;template-finish' {
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'The job''s Status')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Config file to take the account from (the one `serve` reads)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to take the account from (the one `serve` reads)')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Service (account) name in the config; the first service by default')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'Service (account) name in the config; the first service by default')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'WeChat Token (overrides the config)')
            [CompletionResult]::new('--aes-key', '--aes-key', [CompletionResultType]::ParameterName, 'EncodingAESKey, 43 characters (overrides the config)')
            [CompletionResult]::new('--app-id', '--app-id', [CompletionResultType]::ParameterName, 'AppID (overrides the config)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (terminal, no NO_COLOR), always or never')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'plain, compat or safe (default safe when an aes-key is known, else plain)')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'The user''s openid (FromUserName)')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The account''s original id (ToUserName)')
            [CompletionResult]::new('--msg-id', '--msg-id', [CompletionResultType]::ParameterName, 'MsgId of a message (default: a fresh one from the clock)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Re-send the identical push N more times, as WeChat does when it gets no answer')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'With --count: pushes in flight at once (1 to 1024)')
            [CompletionResult]::new('--expect-text', '--expect-text', [CompletionResultType]::ParameterName, 'Fail (exit 1) unless the reply''s text matches this regular expression')
            [CompletionResult]::new('--expect-type', '--expect-type', [CompletionResultType]::ParameterName, 'Fail unless the reply''s MsgType is TYPE')
            [CompletionResult]::new('--expect-status', '--expect-status', [CompletionResultType]::ParameterName, 'Fail unless the HTTP status is CODE (default: fail on anything but 200)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the gateway''s answer (1 to 3600)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object instead of text (for scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the signed request (as a curl command; with --json as JSON) instead of sending it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML')
            [CompletionResult]::new('--allow-backend-error', '--allow-backend-error', [CompletionResultType]::ParameterName, 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'wx-gateway;simulate;mass-finish' {
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'The job''s Status')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Config file to take the account from (the one `serve` reads)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to take the account from (the one `serve` reads)')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Service (account) name in the config; the first service by default')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'Service (account) name in the config; the first service by default')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'WeChat Token (overrides the config)')
            [CompletionResult]::new('--aes-key', '--aes-key', [CompletionResultType]::ParameterName, 'EncodingAESKey, 43 characters (overrides the config)')
            [CompletionResult]::new('--app-id', '--app-id', [CompletionResultType]::ParameterName, 'AppID (overrides the config)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (terminal, no NO_COLOR), always or never')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'plain, compat or safe (default safe when an aes-key is known, else plain)')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'The user''s openid (FromUserName)')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The account''s original id (ToUserName)')
            [CompletionResult]::new('--msg-id', '--msg-id', [CompletionResultType]::ParameterName, 'MsgId of a message (default: a fresh one from the clock)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Re-send the identical push N more times, as WeChat does when it gets no answer')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'With --count: pushes in flight at once (1 to 1024)')
            [CompletionResult]::new('--expect-text', '--expect-text', [CompletionResultType]::ParameterName, 'Fail (exit 1) unless the reply''s text matches this regular expression')
            [CompletionResult]::new('--expect-type', '--expect-type', [CompletionResultType]::ParameterName, 'Fail unless the reply''s MsgType is TYPE')
            [CompletionResult]::new('--expect-status', '--expect-status', [CompletionResultType]::ParameterName, 'Fail unless the HTTP status is CODE (default: fail on anything but 200)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the gateway''s answer (1 to 3600)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object instead of text (for scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the signed request (as a curl command; with --json as JSON) instead of sending it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML')
            [CompletionResult]::new('--allow-backend-error', '--allow-backend-error', [CompletionResultType]::ParameterName, 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'wx-gateway;simulate;raw' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Config file to take the account from (the one `serve` reads)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to take the account from (the one `serve` reads)')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Service (account) name in the config; the first service by default')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'Service (account) name in the config; the first service by default')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'WeChat Token (overrides the config)')
            [CompletionResult]::new('--aes-key', '--aes-key', [CompletionResultType]::ParameterName, 'EncodingAESKey, 43 characters (overrides the config)')
            [CompletionResult]::new('--app-id', '--app-id', [CompletionResultType]::ParameterName, 'AppID (overrides the config)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (terminal, no NO_COLOR), always or never')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'plain, compat or safe (default safe when an aes-key is known, else plain)')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'The user''s openid (FromUserName)')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The account''s original id (ToUserName)')
            [CompletionResult]::new('--msg-id', '--msg-id', [CompletionResultType]::ParameterName, 'MsgId of a message (default: a fresh one from the clock)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Re-send the identical push N more times, as WeChat does when it gets no answer')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'With --count: pushes in flight at once (1 to 1024)')
            [CompletionResult]::new('--expect-text', '--expect-text', [CompletionResultType]::ParameterName, 'Fail (exit 1) unless the reply''s text matches this regular expression')
            [CompletionResult]::new('--expect-type', '--expect-type', [CompletionResultType]::ParameterName, 'Fail unless the reply''s MsgType is TYPE')
            [CompletionResult]::new('--expect-status', '--expect-status', [CompletionResultType]::ParameterName, 'Fail unless the HTTP status is CODE (default: fail on anything but 200)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the gateway''s answer (1 to 3600)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object instead of text (for scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the signed request (as a curl command; with --json as JSON) instead of sending it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Also print the signed request (method, URL, body) and the reply''s full decrypted XML')
            [CompletionResult]::new('--allow-backend-error', '--allow-backend-error', [CompletionResultType]::ParameterName, 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'wx-gateway;simulate;help' {
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'The GET echostr handshake of the server configuration page')
            [CompletionResult]::new('text', 'text', [CompletionResultType]::ParameterValue, 'A text message')
            [CompletionResult]::new('image', 'image', [CompletionResultType]::ParameterValue, 'An image message')
            [CompletionResult]::new('voice', 'voice', [CompletionResultType]::ParameterValue, 'A voice message')
            [CompletionResult]::new('video', 'video', [CompletionResultType]::ParameterValue, 'A video message')
            [CompletionResult]::new('shortvideo', 'shortvideo', [CompletionResultType]::ParameterValue, 'A short video message')
            [CompletionResult]::new('location', 'location', [CompletionResultType]::ParameterValue, 'A location message')
            [CompletionResult]::new('link', 'link', [CompletionResultType]::ParameterValue, 'A link message')
            [CompletionResult]::new('subscribe', 'subscribe', [CompletionResultType]::ParameterValue, 'A subscribe (follow) event')
            [CompletionResult]::new('unsubscribe', 'unsubscribe', [CompletionResultType]::ParameterValue, 'An unsubscribe event')
            [CompletionResult]::new('scan', 'scan', [CompletionResultType]::ParameterValue, 'A SCAN event (a follower scanned a parameter QR code)')
            [CompletionResult]::new('click', 'click', [CompletionResultType]::ParameterValue, 'A CLICK menu event')
            [CompletionResult]::new('view', 'view', [CompletionResultType]::ParameterValue, 'A VIEW menu event')
            [CompletionResult]::new('location-report', 'location-report', [CompletionResultType]::ParameterValue, 'A LOCATION report event')
            [CompletionResult]::new('scancode-push', 'scancode-push', [CompletionResultType]::ParameterValue, 'A scancode_push menu event')
            [CompletionResult]::new('scancode-waitmsg', 'scancode-waitmsg', [CompletionResultType]::ParameterValue, 'A scancode_waitmsg menu event')
            [CompletionResult]::new('pic-sysphoto', 'pic-sysphoto', [CompletionResultType]::ParameterValue, 'A pic_sysphoto menu event')
            [CompletionResult]::new('pic-photo-or-album', 'pic-photo-or-album', [CompletionResultType]::ParameterValue, 'A pic_photo_or_album menu event')
            [CompletionResult]::new('pic-weixin', 'pic-weixin', [CompletionResultType]::ParameterValue, 'A pic_weixin menu event')
            [CompletionResult]::new('location-select', 'location-select', [CompletionResultType]::ParameterValue, 'A location_select menu event')
            [CompletionResult]::new('template-finish', 'template-finish', [CompletionResultType]::ParameterValue, 'A TEMPLATESENDJOBFINISH event')
            [CompletionResult]::new('mass-finish', 'mass-finish', [CompletionResultType]::ParameterValue, 'A MASSSENDJOBFINISH event')
            [CompletionResult]::new('raw', 'raw', [CompletionResultType]::ParameterValue, 'Any XML push, from FILE or standard input (-). Sent as is (encrypted in compat/safe mode)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'wx-gateway;simulate;help;verify' {
            break
        }
        'wx-gateway;simulate;help;text' {
            break
        }
        'wx-gateway;simulate;help;image' {
            break
        }
        'wx-gateway;simulate;help;voice' {
            break
        }
        'wx-gateway;simulate;help;video' {
            break
        }
        'wx-gateway;simulate;help;shortvideo' {
            break
        }
        'wx-gateway;simulate;help;location' {
            break
        }
        'wx-gateway;simulate;help;link' {
            break
        }
        'wx-gateway;simulate;help;subscribe' {
            break
        }
        'wx-gateway;simulate;help;unsubscribe' {
            break
        }
        'wx-gateway;simulate;help;scan' {
            break
        }
        'wx-gateway;simulate;help;click' {
            break
        }
        'wx-gateway;simulate;help;view' {
            break
        }
        'wx-gateway;simulate;help;location-report' {
            break
        }
        'wx-gateway;simulate;help;scancode-push' {
            break
        }
        'wx-gateway;simulate;help;scancode-waitmsg' {
            break
        }
        'wx-gateway;simulate;help;pic-sysphoto' {
            break
        }
        'wx-gateway;simulate;help;pic-photo-or-album' {
            break
        }
        'wx-gateway;simulate;help;pic-weixin' {
            break
        }
        'wx-gateway;simulate;help;location-select' {
            break
        }
        'wx-gateway;simulate;help;template-finish' {
            break
        }
        'wx-gateway;simulate;help;mass-finish' {
            break
        }
        'wx-gateway;simulate;help;raw' {
            break
        }
        'wx-gateway;simulate;help;help' {
            break
        }
        'wx-gateway;decrypt' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Config file to take the account from (the one `serve` reads)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to take the account from (the one `serve` reads)')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Service (account) name in the config; the first service by default')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'Service (account) name in the config; the first service by default')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'WeChat Token (overrides the config)')
            [CompletionResult]::new('--aes-key', '--aes-key', [CompletionResultType]::ParameterName, 'EncodingAESKey, 43 characters (overrides the config)')
            [CompletionResult]::new('--app-id', '--app-id', [CompletionResultType]::ParameterName, 'AppID (overrides the config)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (terminal, no NO_COLOR), always or never')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'The query string of the push (signature=…&timestamp=…&nonce=…&msg_signature=…), to verify msg_signature. A captured HTTP request carries its own')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object instead of text (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'wx-gateway;menu-url' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Config file to take the AppID and redirect-path from (the one `serve` reads)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to take the AppID and redirect-path from (the one `serve` reads)')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Service (account) name in the config; the first service by default')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'Service (account) name in the config; the first service by default')
            [CompletionResult]::new('--app-id', '--app-id', [CompletionResultType]::ParameterName, 'AppID (overrides the config)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (terminal, no NO_COLOR), always or never')
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'The state WeChat hands back to the redirect (which menu item): up to 128 of A-Z a-z 0-9 _ -')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'base or userinfo')
            [CompletionResult]::new('--redirect', '--redirect', [CompletionResultType]::ParameterName, 'The absolute redirect URL (default: --host plus the service''s redirect-path)')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Public origin of the gateway, e.g. https://wx.example.com (with the config''s redirect-path)')
            [CompletionResult]::new('--open-base', '--open-base', [CompletionResultType]::ParameterName, 'WeChat''s OAuth origin')
            [CompletionResult]::new('--menu', '--menu', [CompletionResultType]::ParameterName, 'Turn a menu file into WeChat''s menu JSON: buttons with a `state` become OAuth links ({"name","state","scope"?,"redirect"?}); buttons with a WeChat `type` (click, view, miniprogram, scancode_*, pic_*, location_select, media_id, article_id, …) are checked and kept; FILE is a list of buttons or {"button": […]}, - for standard input')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object instead of text (for scripts)')
            [CompletionResult]::new('--qr', '--qr', [CompletionResultType]::ParameterName, 'Also draw the link as a QR code in the terminal (scan it with WeChat). Drawn light on dark unless COLORFGBG says the background is light')
            [CompletionResult]::new('--qr-invert', '--qr-invert', [CompletionResultType]::ParameterName, 'Swap the QR code''s colours (for a light terminal that COLORFGBG does not announce)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'wx-gateway;menu' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Config file (the one `serve` reads); required')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (the one `serve` reads); required')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Service (account) name in the config; the first service by default')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'Service (account) name in the config; the first service by default')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object instead of text')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create the menu from FILE: WeChat''s menu JSON ({"button": […]}, e.g. from `menu-url --menu`) or what `menu get` printed')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show the menu: WeChat''s answer, which `menu create` takes back')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete the menu')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'wx-gateway;menu;create' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Config file (the one `serve` reads); required')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (the one `serve` reads); required')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Service (account) name in the config; the first service by default')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'Service (account) name in the config; the first service by default')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object instead of text')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'wx-gateway;menu;get' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Config file (the one `serve` reads); required')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (the one `serve` reads); required')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Service (account) name in the config; the first service by default')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'Service (account) name in the config; the first service by default')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object instead of text')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'wx-gateway;menu;delete' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Config file (the one `serve` reads); required')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (the one `serve` reads); required')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Service (account) name in the config; the first service by default')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'Service (account) name in the config; the first service by default')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object instead of text')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'wx-gateway;menu;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create the menu from FILE: WeChat''s menu JSON ({"button": […]}, e.g. from `menu-url --menu`) or what `menu get` printed')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show the menu: WeChat''s answer, which `menu create` takes back')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete the menu')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'wx-gateway;menu;help;create' {
            break
        }
        'wx-gateway;menu;help;get' {
            break
        }
        'wx-gateway;menu;help;delete' {
            break
        }
        'wx-gateway;menu;help;help' {
            break
        }
        'wx-gateway;token' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Config file (the one `serve` reads); required')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (the one `serve` reads); required')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Service (account) name in the config; the first service by default')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'Service (account) name in the config; the first service by default')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object instead of text')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'wx-gateway;spool' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Config file to take spool.dir from (the one `serve` reads)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to take spool.dir from (the one `serve` reads)')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'The spool directory, the one holding spool.db (overrides the config''s spool.dir; no config is read then)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (terminal, no NO_COLOR), always or never')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object instead of text (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List spooled pushes, oldest first: the queue, or the dead letters with --dead')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one push in full: its JSON body, its last 10 attempts and why it is dead')
            [CompletionResult]::new('replay', 'replay', [CompletionResultType]::ParameterValue, 'Put pushes back in the queue, due now: one (ID), the dead letters (--dead) or the queue (--all)')
            [CompletionResult]::new('drop', 'drop', [CompletionResultType]::ParameterValue, 'Delete pushes: one (ID) or dead letters (--dead). The queue is never dropped in bulk')
            [CompletionResult]::new('stats', 'stats', [CompletionResultType]::ParameterValue, 'Per service: pushes queued, the oldest one''s age, dead letters, replayed pushes still waiting, overdue pushes, whether paused; and the totals')
            [CompletionResult]::new('pause', 'pause', [CompletionResultType]::ParameterValue, 'Pause the delivery of a service''s pushes (for a planned backend deploy)')
            [CompletionResult]::new('resume', 'resume', [CompletionResultType]::ParameterValue, 'Resume the delivery of a paused service')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'wx-gateway;spool;list' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Only this service''s pushes')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'Only this service''s pushes')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Show at most N pushes (the oldest); the total is always told')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Config file to take spool.dir from (the one `serve` reads)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to take spool.dir from (the one `serve` reads)')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'The spool directory, the one holding spool.db (overrides the config''s spool.dir; no config is read then)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (terminal, no NO_COLOR), always or never')
            [CompletionResult]::new('--dead', '--dead', [CompletionResultType]::ParameterName, 'The dead letters instead of the queue')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object instead of text (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'wx-gateway;spool;show' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Config file to take spool.dir from (the one `serve` reads)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to take spool.dir from (the one `serve` reads)')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'The spool directory, the one holding spool.db (overrides the config''s spool.dir; no config is read then)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (terminal, no NO_COLOR), always or never')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object instead of text (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'wx-gateway;spool;replay' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Only this service''s pushes')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'Only this service''s pushes')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only pushes first received at or after T: RFC 3339 (2024-05-01T12:00:00Z, 2024-05-01T20:00:00+08:00, 2024-05-01 for its midnight UTC) or a time ago (90m, 2h, 7d; units w, d, h, m, s, as --older-than)')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Only pushes first received before T (as --since)')
            [CompletionResult]::new('--kind', '--kind', [CompletionResultType]::ParameterName, 'Only pushes of this kind: a MsgType (text, image, voice, …) or, for events, the Event (subscribe, CLICK, TEMPLATESENDJOBFINISH, …); case does not matter')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Config file to take spool.dir from (the one `serve` reads)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to take spool.dir from (the one `serve` reads)')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'The spool directory, the one holding spool.db (overrides the config''s spool.dir; no config is read then)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (terminal, no NO_COLOR), always or never')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every push of the queue (with --dead: every dead letter)')
            [CompletionResult]::new('--dead', '--dead', [CompletionResultType]::ParameterName, 'The dead letters (narrowed by --service, --since, --until, --kind)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print how many pushes match and change nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object instead of text (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'wx-gateway;spool;drop' {
            [CompletionResult]::new('--older-than', '--older-than', [CompletionResultType]::ParameterName, 'With --dead: only those first seen longer ago than AGE: 7d, 12h, 30m, 45s (w, d, h, m, s; combined as 1d12h)')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'With --dead: only this service''s dead letters')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'With --dead: only this service''s dead letters')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Config file to take spool.dir from (the one `serve` reads)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to take spool.dir from (the one `serve` reads)')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'The spool directory, the one holding spool.db (overrides the config''s spool.dir; no config is read then)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (terminal, no NO_COLOR), always or never')
            [CompletionResult]::new('--dead', '--dead', [CompletionResultType]::ParameterName, 'Every dead letter (narrowed by --older-than and --service)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object instead of text (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'wx-gateway;spool;stats' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Config file to take spool.dir from (the one `serve` reads)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to take spool.dir from (the one `serve` reads)')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'The spool directory, the one holding spool.db (overrides the config''s spool.dir; no config is read then)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (terminal, no NO_COLOR), always or never')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object instead of text (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'wx-gateway;spool;pause' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The service (its name in the config); with --config, it must be one of the config''s')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'The service (its name in the config); with --config, it must be one of the config''s')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Config file to take spool.dir from (the one `serve` reads)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to take spool.dir from (the one `serve` reads)')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'The spool directory, the one holding spool.db (overrides the config''s spool.dir; no config is read then)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (terminal, no NO_COLOR), always or never')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object instead of text (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'wx-gateway;spool;resume' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The service (its name in the config)')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'The service (its name in the config)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Config file to take spool.dir from (the one `serve` reads)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to take spool.dir from (the one `serve` reads)')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'The spool directory, the one holding spool.db (overrides the config''s spool.dir; no config is read then)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (terminal, no NO_COLOR), always or never')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object instead of text (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'wx-gateway;spool;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List spooled pushes, oldest first: the queue, or the dead letters with --dead')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one push in full: its JSON body, its last 10 attempts and why it is dead')
            [CompletionResult]::new('replay', 'replay', [CompletionResultType]::ParameterValue, 'Put pushes back in the queue, due now: one (ID), the dead letters (--dead) or the queue (--all)')
            [CompletionResult]::new('drop', 'drop', [CompletionResultType]::ParameterValue, 'Delete pushes: one (ID) or dead letters (--dead). The queue is never dropped in bulk')
            [CompletionResult]::new('stats', 'stats', [CompletionResultType]::ParameterValue, 'Per service: pushes queued, the oldest one''s age, dead letters, replayed pushes still waiting, overdue pushes, whether paused; and the totals')
            [CompletionResult]::new('pause', 'pause', [CompletionResultType]::ParameterValue, 'Pause the delivery of a service''s pushes (for a planned backend deploy)')
            [CompletionResult]::new('resume', 'resume', [CompletionResultType]::ParameterValue, 'Resume the delivery of a paused service')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'wx-gateway;spool;help;list' {
            break
        }
        'wx-gateway;spool;help;show' {
            break
        }
        'wx-gateway;spool;help;replay' {
            break
        }
        'wx-gateway;spool;help;drop' {
            break
        }
        'wx-gateway;spool;help;stats' {
            break
        }
        'wx-gateway;spool;help;pause' {
            break
        }
        'wx-gateway;spool;help;resume' {
            break
        }
        'wx-gateway;spool;help;help' {
            break
        }
        'wx-gateway;reload' {
            [CompletionResult]::new('--pid-file', '--pid-file', [CompletionResultType]::ParameterName, 'The pid file `serve --pid-file` wrote')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Validate this config first (as `serve --check` does, unknown keys only warned about), and signal nothing when it is invalid. Give the file the gateway runs with')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Validate this config first (as `serve --check` does, unknown keys only warned about), and signal nothing when it is invalid. Give the file the gateway runs with')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'wx-gateway;completions' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'wx-gateway;init' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'wx-gateway;help' {
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Run the gateway')
            [CompletionResult]::new('simulate', 'simulate', [CompletionResultType]::ParameterValue, 'Play WeChat against a running gateway')
            [CompletionResult]::new('decrypt', 'decrypt', [CompletionResultType]::ParameterValue, 'Decrypt a captured payload, offline')
            [CompletionResult]::new('menu-url', 'menu-url', [CompletionResultType]::ParameterValue, 'Build OAuth links for menu buttons')
            [CompletionResult]::new('menu', 'menu', [CompletionResultType]::ParameterValue, 'Manage an account''s custom menu')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Print an account''s access_token')
            [CompletionResult]::new('spool', 'spool', [CompletionResultType]::ParameterValue, 'Inspect and change the spool: the pushes waiting for redelivery and the dead letters; pause and resume a service''s delivery')
            [CompletionResult]::new('reload', 'reload', [CompletionResultType]::ParameterValue, 'Make a running gateway reload its config (SIGHUP)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write a starter config')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'wx-gateway;help;serve' {
            break
        }
        'wx-gateway;help;simulate' {
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'The GET echostr handshake of the server configuration page')
            [CompletionResult]::new('text', 'text', [CompletionResultType]::ParameterValue, 'A text message')
            [CompletionResult]::new('image', 'image', [CompletionResultType]::ParameterValue, 'An image message')
            [CompletionResult]::new('voice', 'voice', [CompletionResultType]::ParameterValue, 'A voice message')
            [CompletionResult]::new('video', 'video', [CompletionResultType]::ParameterValue, 'A video message')
            [CompletionResult]::new('shortvideo', 'shortvideo', [CompletionResultType]::ParameterValue, 'A short video message')
            [CompletionResult]::new('location', 'location', [CompletionResultType]::ParameterValue, 'A location message')
            [CompletionResult]::new('link', 'link', [CompletionResultType]::ParameterValue, 'A link message')
            [CompletionResult]::new('subscribe', 'subscribe', [CompletionResultType]::ParameterValue, 'A subscribe (follow) event')
            [CompletionResult]::new('unsubscribe', 'unsubscribe', [CompletionResultType]::ParameterValue, 'An unsubscribe event')
            [CompletionResult]::new('scan', 'scan', [CompletionResultType]::ParameterValue, 'A SCAN event (a follower scanned a parameter QR code)')
            [CompletionResult]::new('click', 'click', [CompletionResultType]::ParameterValue, 'A CLICK menu event')
            [CompletionResult]::new('view', 'view', [CompletionResultType]::ParameterValue, 'A VIEW menu event')
            [CompletionResult]::new('location-report', 'location-report', [CompletionResultType]::ParameterValue, 'A LOCATION report event')
            [CompletionResult]::new('scancode-push', 'scancode-push', [CompletionResultType]::ParameterValue, 'A scancode_push menu event')
            [CompletionResult]::new('scancode-waitmsg', 'scancode-waitmsg', [CompletionResultType]::ParameterValue, 'A scancode_waitmsg menu event')
            [CompletionResult]::new('pic-sysphoto', 'pic-sysphoto', [CompletionResultType]::ParameterValue, 'A pic_sysphoto menu event')
            [CompletionResult]::new('pic-photo-or-album', 'pic-photo-or-album', [CompletionResultType]::ParameterValue, 'A pic_photo_or_album menu event')
            [CompletionResult]::new('pic-weixin', 'pic-weixin', [CompletionResultType]::ParameterValue, 'A pic_weixin menu event')
            [CompletionResult]::new('location-select', 'location-select', [CompletionResultType]::ParameterValue, 'A location_select menu event')
            [CompletionResult]::new('template-finish', 'template-finish', [CompletionResultType]::ParameterValue, 'A TEMPLATESENDJOBFINISH event')
            [CompletionResult]::new('mass-finish', 'mass-finish', [CompletionResultType]::ParameterValue, 'A MASSSENDJOBFINISH event')
            [CompletionResult]::new('raw', 'raw', [CompletionResultType]::ParameterValue, 'Any XML push, from FILE or standard input (-). Sent as is (encrypted in compat/safe mode)')
            break
        }
        'wx-gateway;help;simulate;verify' {
            break
        }
        'wx-gateway;help;simulate;text' {
            break
        }
        'wx-gateway;help;simulate;image' {
            break
        }
        'wx-gateway;help;simulate;voice' {
            break
        }
        'wx-gateway;help;simulate;video' {
            break
        }
        'wx-gateway;help;simulate;shortvideo' {
            break
        }
        'wx-gateway;help;simulate;location' {
            break
        }
        'wx-gateway;help;simulate;link' {
            break
        }
        'wx-gateway;help;simulate;subscribe' {
            break
        }
        'wx-gateway;help;simulate;unsubscribe' {
            break
        }
        'wx-gateway;help;simulate;scan' {
            break
        }
        'wx-gateway;help;simulate;click' {
            break
        }
        'wx-gateway;help;simulate;view' {
            break
        }
        'wx-gateway;help;simulate;location-report' {
            break
        }
        'wx-gateway;help;simulate;scancode-push' {
            break
        }
        'wx-gateway;help;simulate;scancode-waitmsg' {
            break
        }
        'wx-gateway;help;simulate;pic-sysphoto' {
            break
        }
        'wx-gateway;help;simulate;pic-photo-or-album' {
            break
        }
        'wx-gateway;help;simulate;pic-weixin' {
            break
        }
        'wx-gateway;help;simulate;location-select' {
            break
        }
        'wx-gateway;help;simulate;template-finish' {
            break
        }
        'wx-gateway;help;simulate;mass-finish' {
            break
        }
        'wx-gateway;help;simulate;raw' {
            break
        }
        'wx-gateway;help;decrypt' {
            break
        }
        'wx-gateway;help;menu-url' {
            break
        }
        'wx-gateway;help;menu' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create the menu from FILE: WeChat''s menu JSON ({"button": […]}, e.g. from `menu-url --menu`) or what `menu get` printed')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show the menu: WeChat''s answer, which `menu create` takes back')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete the menu')
            break
        }
        'wx-gateway;help;menu;create' {
            break
        }
        'wx-gateway;help;menu;get' {
            break
        }
        'wx-gateway;help;menu;delete' {
            break
        }
        'wx-gateway;help;token' {
            break
        }
        'wx-gateway;help;spool' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List spooled pushes, oldest first: the queue, or the dead letters with --dead')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one push in full: its JSON body, its last 10 attempts and why it is dead')
            [CompletionResult]::new('replay', 'replay', [CompletionResultType]::ParameterValue, 'Put pushes back in the queue, due now: one (ID), the dead letters (--dead) or the queue (--all)')
            [CompletionResult]::new('drop', 'drop', [CompletionResultType]::ParameterValue, 'Delete pushes: one (ID) or dead letters (--dead). The queue is never dropped in bulk')
            [CompletionResult]::new('stats', 'stats', [CompletionResultType]::ParameterValue, 'Per service: pushes queued, the oldest one''s age, dead letters, replayed pushes still waiting, overdue pushes, whether paused; and the totals')
            [CompletionResult]::new('pause', 'pause', [CompletionResultType]::ParameterValue, 'Pause the delivery of a service''s pushes (for a planned backend deploy)')
            [CompletionResult]::new('resume', 'resume', [CompletionResultType]::ParameterValue, 'Resume the delivery of a paused service')
            break
        }
        'wx-gateway;help;spool;list' {
            break
        }
        'wx-gateway;help;spool;show' {
            break
        }
        'wx-gateway;help;spool;replay' {
            break
        }
        'wx-gateway;help;spool;drop' {
            break
        }
        'wx-gateway;help;spool;stats' {
            break
        }
        'wx-gateway;help;spool;pause' {
            break
        }
        'wx-gateway;help;spool;resume' {
            break
        }
        'wx-gateway;help;reload' {
            break
        }
        'wx-gateway;help;completions' {
            break
        }
        'wx-gateway;help;init' {
            break
        }
        'wx-gateway;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
