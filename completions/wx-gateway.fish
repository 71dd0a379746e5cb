# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_wx_gateway_global_optspecs
    string join \n v/version h/help
end

function __fish_wx_gateway_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_wx_gateway_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_wx_gateway_using_subcommand
    set -l cmd (__fish_wx_gateway_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c wx-gateway -n "__fish_wx_gateway_needs_command" -s v -l version -d 'Print the version and exit'
complete -c wx-gateway -n "__fish_wx_gateway_needs_command" -s h -l help -d 'Print help'
complete -c wx-gateway -n "__fish_wx_gateway_needs_command" -f -a "serve" -d 'Run the gateway'
complete -c wx-gateway -n "__fish_wx_gateway_needs_command" -f -a "simulate" -d 'Play WeChat against a running gateway'
complete -c wx-gateway -n "__fish_wx_gateway_needs_command" -f -a "decrypt" -d 'Decrypt a captured payload, offline'
complete -c wx-gateway -n "__fish_wx_gateway_needs_command" -f -a "menu-url" -d 'Build OAuth links for menu buttons'
complete -c wx-gateway -n "__fish_wx_gateway_needs_command" -f -a "menu" -d 'Manage an account\'s custom menu'
complete -c wx-gateway -n "__fish_wx_gateway_needs_command" -f -a "token" -d 'Print an account\'s access_token'
complete -c wx-gateway -n "__fish_wx_gateway_needs_command" -f -a "spool" -d 'Inspect and change the spool: the pushes waiting for redelivery and the dead letters; pause and resume a service\'s delivery'
complete -c wx-gateway -n "__fish_wx_gateway_needs_command" -f -a "reload" -d 'Make a running gateway reload its config (SIGHUP)'
complete -c wx-gateway -n "__fish_wx_gateway_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c wx-gateway -n "__fish_wx_gateway_needs_command" -f -a "init" -d 'Write a starter config'
complete -c wx-gateway -n "__fish_wx_gateway_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand serve" -s c -l config -d 'Config file (go-wx-gateway\'s JSON format). Without it and without CONF_FILE, the embedded sample.conf.json runs: one echo-mode account on 127.0.0.1:7080' -r -F
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand serve" -l port -d 'Override the config\'s listen-port (0 picks a free port; the address is logged)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand serve" -l pid-file -d 'Write the process id to FILE once serving (removed at exit), for `wx-gateway reload --pid-file FILE` and systemd\'s PIDFile=. SIGHUP reloads the config either way' -r -F
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand serve" -l check -d 'Validate the config and exit: 0 when valid, 2 on any error. Unknown keys are errors here'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand serve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and not __fish_seen_subcommand_from verify text image voice video shortvideo location link subscribe unsubscribe scan click view location-report scancode-push scancode-waitmsg pic-sysphoto pic-photo-or-album pic-weixin location-select template-finish mass-finish raw help" -s c -l config -d 'Config file to take the account from (the one `serve` reads)' -r -F
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and not __fish_seen_subcommand_from verify text image voice video shortvideo location link subscribe unsubscribe scan click view location-report scancode-push scancode-waitmsg pic-sysphoto pic-photo-or-album pic-weixin location-select template-finish mass-finish raw help" -s s -l service -d 'Service (account) name in the config; the first service by default' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and not __fish_seen_subcommand_from verify text image voice video shortvideo location link subscribe unsubscribe scan click view location-report scancode-push scancode-waitmsg pic-sysphoto pic-photo-or-album pic-weixin location-select template-finish mass-finish raw help" -l token -d 'WeChat Token (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and not __fish_seen_subcommand_from verify text image voice video shortvideo location link subscribe unsubscribe scan click view location-report scancode-push scancode-waitmsg pic-sysphoto pic-photo-or-album pic-weixin location-select template-finish mass-finish raw help" -l aes-key -d 'EncodingAESKey, 43 characters (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and not __fish_seen_subcommand_from verify text image voice video shortvideo location link subscribe unsubscribe scan click view location-report scancode-push scancode-waitmsg pic-sysphoto pic-photo-or-album pic-weixin location-select template-finish mass-finish raw help" -l app-id -d 'AppID (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and not __fish_seen_subcommand_from verify text image voice video shortvideo location link subscribe unsubscribe scan click view location-report scancode-push scancode-waitmsg pic-sysphoto pic-photo-or-album pic-weixin location-select template-finish mass-finish raw help" -l color -d 'Colour: auto (terminal, no NO_COLOR), always or never' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t''
never\t''"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and not __fish_seen_subcommand_from verify text image voice video shortvideo location link subscribe unsubscribe scan click view location-report scancode-push scancode-waitmsg pic-sysphoto pic-photo-or-album pic-weixin location-select template-finish mass-finish raw help" -l url -d 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and not __fish_seen_subcommand_from verify text image voice video shortvideo location link subscribe unsubscribe scan click view location-report scancode-push scancode-waitmsg pic-sysphoto pic-photo-or-album pic-weixin location-select template-finish mass-finish raw help" -l mode -d 'plain, compat or safe (default safe when an aes-key is known, else plain)' -r -f -a "plain\t'Plaintext XML, `signature` only'
compat\t'Plaintext fields and `<Encrypt>` side by side'
safe\t'Only `<Encrypt>`'"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and not __fish_seen_subcommand_from verify text image voice video shortvideo location link subscribe unsubscribe scan click view location-report scancode-push scancode-waitmsg pic-sysphoto pic-photo-or-album pic-weixin location-select template-finish mass-finish raw help" -l from -d 'The user\'s openid (FromUserName)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and not __fish_seen_subcommand_from verify text image voice video shortvideo location link subscribe unsubscribe scan click view location-report scancode-push scancode-waitmsg pic-sysphoto pic-photo-or-album pic-weixin location-select template-finish mass-finish raw help" -l to -d 'The account\'s original id (ToUserName)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and not __fish_seen_subcommand_from verify text image voice video shortvideo location link subscribe unsubscribe scan click view location-report scancode-push scancode-waitmsg pic-sysphoto pic-photo-or-album pic-weixin location-select template-finish mass-finish raw help" -l msg-id -d 'MsgId of a message (default: a fresh one from the clock)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and not __fish_seen_subcommand_from verify text image voice video shortvideo location link subscribe unsubscribe scan click view location-report scancode-push scancode-waitmsg pic-sysphoto pic-photo-or-album pic-weixin location-select template-finish mass-finish raw help" -l retries -d 'Re-send the identical push N more times, as WeChat does when it gets no answer' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and not __fish_seen_subcommand_from verify text image voice video shortvideo location link subscribe unsubscribe scan click view location-report scancode-push scancode-waitmsg pic-sysphoto pic-photo-or-album pic-weixin location-select template-finish mass-finish raw help" -l count -d 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and not __fish_seen_subcommand_from verify text image voice video shortvideo location link subscribe unsubscribe scan click view location-report scancode-push scancode-waitmsg pic-sysphoto pic-photo-or-album pic-weixin location-select template-finish mass-finish raw help" -l concurrency -d 'With --count: pushes in flight at once (1 to 1024)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and not __fish_seen_subcommand_from verify text image voice video shortvideo location link subscribe unsubscribe scan click view location-report scancode-push scancode-waitmsg pic-sysphoto pic-photo-or-album pic-weixin location-select template-finish mass-finish raw help" -l expect-text -d 'Fail (exit 1) unless the reply\'s text matches this regular expression' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and not __fish_seen_subcommand_from verify text image voice video shortvideo location link subscribe unsubscribe scan click view location-report scancode-push scancode-waitmsg pic-sysphoto pic-photo-or-album pic-weixin location-select template-finish mass-finish raw help" -l expect-type -d 'Fail unless the reply\'s MsgType is TYPE' -r -f -a "text\t''
image\t''
voice\t''
video\t''
music\t''
news\t''
transfer_customer_service\t''
success\t''"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and not __fish_seen_subcommand_from verify text image voice video shortvideo location link subscribe unsubscribe scan click view location-report scancode-push scancode-waitmsg pic-sysphoto pic-photo-or-album pic-weixin location-select template-finish mass-finish raw help" -l expect-status -d 'Fail unless the HTTP status is CODE (default: fail on anything but 200)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and not __fish_seen_subcommand_from verify text image voice video shortvideo location link subscribe unsubscribe scan click view location-report scancode-push scancode-waitmsg pic-sysphoto pic-photo-or-album pic-weixin location-select template-finish mass-finish raw help" -l timeout -d 'Seconds to wait for the gateway\'s answer (1 to 3600)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and not __fish_seen_subcommand_from verify text image voice video shortvideo location link subscribe unsubscribe scan click view location-report scancode-push scancode-waitmsg pic-sysphoto pic-photo-or-album pic-weixin location-select template-finish mass-finish raw help" -l json -d 'Print one JSON object instead of text (for scripts)'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and not __fish_seen_subcommand_from verify text image voice video shortvideo location link subscribe unsubscribe scan click view location-report scancode-push scancode-waitmsg pic-sysphoto pic-photo-or-album pic-weixin location-select template-finish mass-finish raw help" -l dry-run -d 'Print the signed request (as a curl command; with --json as JSON) instead of sending it'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and not __fish_seen_subcommand_from verify text image voice video shortvideo location link subscribe unsubscribe scan click view location-report scancode-push scancode-waitmsg pic-sysphoto pic-photo-or-album pic-weixin location-select template-finish mass-finish raw help" -s v -l verbose -d 'Also print the signed request (method, URL, body) and the reply\'s full decrypted XML'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and not __fish_seen_subcommand_from verify text image voice video shortvideo location link subscribe unsubscribe scan click view location-report scancode-push scancode-waitmsg pic-sysphoto pic-photo-or-album pic-weixin location-select template-finish mass-finish raw help" -l allow-backend-error -d 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and not __fish_seen_subcommand_from verify text image voice video shortvideo location link subscribe unsubscribe scan click view location-report scancode-push scancode-waitmsg pic-sysphoto pic-photo-or-album pic-weixin location-select template-finish mass-finish raw help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and not __fish_seen_subcommand_from verify text image voice video shortvideo location link subscribe unsubscribe scan click view location-report scancode-push scancode-waitmsg pic-sysphoto pic-photo-or-album pic-weixin location-select template-finish mass-finish raw help" -f -a "verify" -d 'The GET echostr handshake of the server configuration page'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and not __fish_seen_subcommand_from verify text image voice video shortvideo location link subscribe unsubscribe scan click view location-report scancode-push scancode-waitmsg pic-sysphoto pic-photo-or-album pic-weixin location-select template-finish mass-finish raw help" -f -a "text" -d 'A text message'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and not __fish_seen_subcommand_from verify text image voice video shortvideo location link subscribe unsubscribe scan click view location-report scancode-push scancode-waitmsg pic-sysphoto pic-photo-or-album pic-weixin location-select template-finish mass-finish raw help" -f -a "image" -d 'An image message'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and not __fish_seen_subcommand_from verify text image voice video shortvideo location link subscribe unsubscribe scan click view location-report scancode-push scancode-waitmsg pic-sysphoto pic-photo-or-album pic-weixin location-select template-finish mass-finish raw help" -f -a "voice" -d 'A voice message'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and not __fish_seen_subcommand_from verify text image voice video shortvideo location link subscribe unsubscribe scan click view location-report scancode-push scancode-waitmsg pic-sysphoto pic-photo-or-album pic-weixin location-select template-finish mass-finish raw help" -f -a "video" -d 'A video message'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and not __fish_seen_subcommand_from verify text image voice video shortvideo location link subscribe unsubscribe scan click view location-report scancode-push scancode-waitmsg pic-sysphoto pic-photo-or-album pic-weixin location-select template-finish mass-finish raw help" -f -a "shortvideo" -d 'A short video message'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and not __fish_seen_subcommand_from verify text image voice video shortvideo location link subscribe unsubscribe scan click view location-report scancode-push scancode-waitmsg pic-sysphoto pic-photo-or-album pic-weixin location-select template-finish mass-finish raw help" -f -a "location" -d 'A location message'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and not __fish_seen_subcommand_from verify text image voice video shortvideo location link subscribe unsubscribe scan click view location-report scancode-push scancode-waitmsg pic-sysphoto pic-photo-or-album pic-weixin location-select template-finish mass-finish raw help" -f -a "link" -d 'A link message'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and not __fish_seen_subcommand_from verify text image voice video shortvideo location link subscribe unsubscribe scan click view location-report scancode-push scancode-waitmsg pic-sysphoto pic-photo-or-album pic-weixin location-select template-finish mass-finish raw help" -f -a "subscribe" -d 'A subscribe (follow) event'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and not __fish_seen_subcommand_from verify text image voice video shortvideo location link subscribe unsubscribe scan click view location-report scancode-push scancode-waitmsg pic-sysphoto pic-photo-or-album pic-weixin location-select template-finish mass-finish raw help" -f -a "unsubscribe" -d 'An unsubscribe event'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and not __fish_seen_subcommand_from verify text image voice video shortvideo location link subscribe unsubscribe scan click view location-report scancode-push scancode-waitmsg pic-sysphoto pic-photo-or-album pic-weixin location-select template-finish mass-finish raw help" -f -a "scan" -d 'A SCAN event (a follower scanned a parameter QR code)'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and not __fish_seen_subcommand_from verify text image voice video shortvideo location link subscribe unsubscribe scan click view location-report scancode-push scancode-waitmsg pic-sysphoto pic-photo-or-album pic-weixin location-select template-finish mass-finish raw help" -f -a "click" -d 'A CLICK menu event'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and not __fish_seen_subcommand_from verify text image voice video shortvideo location link subscribe unsubscribe scan click view location-report scancode-push scancode-waitmsg pic-sysphoto pic-photo-or-album pic-weixin location-select template-finish mass-finish raw help" -f -a "view" -d 'A VIEW menu event'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and not __fish_seen_subcommand_from verify text image voice video shortvideo location link subscribe unsubscribe scan click view location-report scancode-push scancode-waitmsg pic-sysphoto pic-photo-or-album pic-weixin location-select template-finish mass-finish raw help" -f -a "location-report" -d 'A LOCATION report event'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and not __fish_seen_subcommand_from verify text image voice video shortvideo location link subscribe unsubscribe scan click view location-report scancode-push scancode-waitmsg pic-sysphoto pic-photo-or-album pic-weixin location-select template-finish mass-finish raw help" -f -a "scancode-push" -d 'A scancode_push menu event'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and not __fish_seen_subcommand_from verify text image voice video shortvideo location link subscribe unsubscribe scan click view location-report scancode-push scancode-waitmsg pic-sysphoto pic-photo-or-album pic-weixin location-select template-finish mass-finish raw help" -f -a "scancode-waitmsg" -d 'A scancode_waitmsg menu event'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and not __fish_seen_subcommand_from verify text image voice video shortvideo location link subscribe unsubscribe scan click view location-report scancode-push scancode-waitmsg pic-sysphoto pic-photo-or-album pic-weixin location-select template-finish mass-finish raw help" -f -a "pic-sysphoto" -d 'A pic_sysphoto menu event'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and not __fish_seen_subcommand_from verify text image voice video shortvideo location link subscribe unsubscribe scan click view location-report scancode-push scancode-waitmsg pic-sysphoto pic-photo-or-album pic-weixin location-select template-finish mass-finish raw help" -f -a "pic-photo-or-album" -d 'A pic_photo_or_album menu event'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and not __fish_seen_subcommand_from verify text image voice video shortvideo location link subscribe unsubscribe scan click view location-report scancode-push scancode-waitmsg pic-sysphoto pic-photo-or-album pic-weixin location-select template-finish mass-finish raw help" -f -a "pic-weixin" -d 'A pic_weixin menu event'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and not __fish_seen_subcommand_from verify text image voice video shortvideo location link subscribe unsubscribe scan click view location-report scancode-push scancode-waitmsg pic-sysphoto pic-photo-or-album pic-weixin location-select template-finish mass-finish raw help" -f -a "location-select" -d 'A location_select menu event'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and not __fish_seen_subcommand_from verify text image voice video shortvideo location link subscribe unsubscribe scan click view location-report scancode-push scancode-waitmsg pic-sysphoto pic-photo-or-album pic-weixin location-select template-finish mass-finish raw help" -f -a "template-finish" -d 'A TEMPLATESENDJOBFINISH event'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and not __fish_seen_subcommand_from verify text image voice video shortvideo location link subscribe unsubscribe scan click view location-report scancode-push scancode-waitmsg pic-sysphoto pic-photo-or-album pic-weixin location-select template-finish mass-finish raw help" -f -a "mass-finish" -d 'A MASSSENDJOBFINISH event'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and not __fish_seen_subcommand_from verify text image voice video shortvideo location link subscribe unsubscribe scan click view location-report scancode-push scancode-waitmsg pic-sysphoto pic-photo-or-album pic-weixin location-select template-finish mass-finish raw help" -f -a "raw" -d 'Any XML push, from FILE or standard input (-). Sent as is (encrypted in compat/safe mode)'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and not __fish_seen_subcommand_from verify text image voice video shortvideo location link subscribe unsubscribe scan click view location-report scancode-push scancode-waitmsg pic-sysphoto pic-photo-or-album pic-weixin location-select template-finish mass-finish raw help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from verify" -s c -l config -d 'Config file to take the account from (the one `serve` reads)' -r -F
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from verify" -s s -l service -d 'Service (account) name in the config; the first service by default' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from verify" -l token -d 'WeChat Token (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from verify" -l aes-key -d 'EncodingAESKey, 43 characters (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from verify" -l app-id -d 'AppID (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from verify" -l color -d 'Colour: auto (terminal, no NO_COLOR), always or never' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t''
never\t''"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from verify" -l url -d 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from verify" -l mode -d 'plain, compat or safe (default safe when an aes-key is known, else plain)' -r -f -a "plain\t'Plaintext XML, `signature` only'
compat\t'Plaintext fields and `<Encrypt>` side by side'
safe\t'Only `<Encrypt>`'"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from verify" -l from -d 'The user\'s openid (FromUserName)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from verify" -l to -d 'The account\'s original id (ToUserName)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from verify" -l msg-id -d 'MsgId of a message (default: a fresh one from the clock)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from verify" -l retries -d 'Re-send the identical push N more times, as WeChat does when it gets no answer' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from verify" -l count -d 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from verify" -l concurrency -d 'With --count: pushes in flight at once (1 to 1024)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from verify" -l expect-text -d 'Fail (exit 1) unless the reply\'s text matches this regular expression' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from verify" -l expect-type -d 'Fail unless the reply\'s MsgType is TYPE' -r -f -a "text\t''
image\t''
voice\t''
video\t''
music\t''
news\t''
transfer_customer_service\t''
success\t''"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from verify" -l expect-status -d 'Fail unless the HTTP status is CODE (default: fail on anything but 200)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from verify" -l timeout -d 'Seconds to wait for the gateway\'s answer (1 to 3600)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from verify" -l json -d 'Print one JSON object instead of text (for scripts)'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from verify" -l dry-run -d 'Print the signed request (as a curl command; with --json as JSON) instead of sending it'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from verify" -s v -l verbose -d 'Also print the signed request (method, URL, body) and the reply\'s full decrypted XML'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from verify" -l allow-backend-error -d 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from text" -s c -l config -d 'Config file to take the account from (the one `serve` reads)' -r -F
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from text" -s s -l service -d 'Service (account) name in the config; the first service by default' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from text" -l token -d 'WeChat Token (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from text" -l aes-key -d 'EncodingAESKey, 43 characters (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from text" -l app-id -d 'AppID (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from text" -l color -d 'Colour: auto (terminal, no NO_COLOR), always or never' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t''
never\t''"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from text" -l url -d 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from text" -l mode -d 'plain, compat or safe (default safe when an aes-key is known, else plain)' -r -f -a "plain\t'Plaintext XML, `signature` only'
compat\t'Plaintext fields and `<Encrypt>` side by side'
safe\t'Only `<Encrypt>`'"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from text" -l from -d 'The user\'s openid (FromUserName)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from text" -l to -d 'The account\'s original id (ToUserName)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from text" -l msg-id -d 'MsgId of a message (default: a fresh one from the clock)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from text" -l retries -d 'Re-send the identical push N more times, as WeChat does when it gets no answer' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from text" -l count -d 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from text" -l concurrency -d 'With --count: pushes in flight at once (1 to 1024)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from text" -l expect-text -d 'Fail (exit 1) unless the reply\'s text matches this regular expression' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from text" -l expect-type -d 'Fail unless the reply\'s MsgType is TYPE' -r -f -a "text\t''
image\t''
voice\t''
video\t''
music\t''
news\t''
transfer_customer_service\t''
success\t''"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from text" -l expect-status -d 'Fail unless the HTTP status is CODE (default: fail on anything but 200)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from text" -l timeout -d 'Seconds to wait for the gateway\'s answer (1 to 3600)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from text" -l json -d 'Print one JSON object instead of text (for scripts)'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from text" -l dry-run -d 'Print the signed request (as a curl command; with --json as JSON) instead of sending it'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from text" -s v -l verbose -d 'Also print the signed request (method, URL, body) and the reply\'s full decrypted XML'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from text" -l allow-backend-error -d 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from text" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from image" -l media-id -d 'The media id (MediaId)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from image" -l pic-url -d 'The picture\'s URL (PicUrl)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from image" -s c -l config -d 'Config file to take the account from (the one `serve` reads)' -r -F
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from image" -s s -l service -d 'Service (account) name in the config; the first service by default' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from image" -l token -d 'WeChat Token (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from image" -l aes-key -d 'EncodingAESKey, 43 characters (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from image" -l app-id -d 'AppID (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from image" -l color -d 'Colour: auto (terminal, no NO_COLOR), always or never' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t''
never\t''"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from image" -l url -d 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from image" -l mode -d 'plain, compat or safe (default safe when an aes-key is known, else plain)' -r -f -a "plain\t'Plaintext XML, `signature` only'
compat\t'Plaintext fields and `<Encrypt>` side by side'
safe\t'Only `<Encrypt>`'"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from image" -l from -d 'The user\'s openid (FromUserName)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from image" -l to -d 'The account\'s original id (ToUserName)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from image" -l msg-id -d 'MsgId of a message (default: a fresh one from the clock)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from image" -l retries -d 'Re-send the identical push N more times, as WeChat does when it gets no answer' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from image" -l count -d 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from image" -l concurrency -d 'With --count: pushes in flight at once (1 to 1024)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from image" -l expect-text -d 'Fail (exit 1) unless the reply\'s text matches this regular expression' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from image" -l expect-type -d 'Fail unless the reply\'s MsgType is TYPE' -r -f -a "text\t''
image\t''
voice\t''
video\t''
music\t''
news\t''
transfer_customer_service\t''
success\t''"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from image" -l expect-status -d 'Fail unless the HTTP status is CODE (default: fail on anything but 200)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from image" -l timeout -d 'Seconds to wait for the gateway\'s answer (1 to 3600)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from image" -l json -d 'Print one JSON object instead of text (for scripts)'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from image" -l dry-run -d 'Print the signed request (as a curl command; with --json as JSON) instead of sending it'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from image" -s v -l verbose -d 'Also print the signed request (method, URL, body) and the reply\'s full decrypted XML'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from image" -l allow-backend-error -d 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from image" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from voice" -l media-id -d 'The media id (MediaId)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from voice" -l format -d 'The audio format (Format)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from voice" -l recognition -d 'Speech recognition result' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from voice" -s c -l config -d 'Config file to take the account from (the one `serve` reads)' -r -F
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from voice" -s s -l service -d 'Service (account) name in the config; the first service by default' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from voice" -l token -d 'WeChat Token (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from voice" -l aes-key -d 'EncodingAESKey, 43 characters (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from voice" -l app-id -d 'AppID (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from voice" -l color -d 'Colour: auto (terminal, no NO_COLOR), always or never' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t''
never\t''"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from voice" -l url -d 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from voice" -l mode -d 'plain, compat or safe (default safe when an aes-key is known, else plain)' -r -f -a "plain\t'Plaintext XML, `signature` only'
compat\t'Plaintext fields and `<Encrypt>` side by side'
safe\t'Only `<Encrypt>`'"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from voice" -l from -d 'The user\'s openid (FromUserName)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from voice" -l to -d 'The account\'s original id (ToUserName)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from voice" -l msg-id -d 'MsgId of a message (default: a fresh one from the clock)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from voice" -l retries -d 'Re-send the identical push N more times, as WeChat does when it gets no answer' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from voice" -l count -d 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from voice" -l concurrency -d 'With --count: pushes in flight at once (1 to 1024)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from voice" -l expect-text -d 'Fail (exit 1) unless the reply\'s text matches this regular expression' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from voice" -l expect-type -d 'Fail unless the reply\'s MsgType is TYPE' -r -f -a "text\t''
image\t''
voice\t''
video\t''
music\t''
news\t''
transfer_customer_service\t''
success\t''"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from voice" -l expect-status -d 'Fail unless the HTTP status is CODE (default: fail on anything but 200)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from voice" -l timeout -d 'Seconds to wait for the gateway\'s answer (1 to 3600)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from voice" -l json -d 'Print one JSON object instead of text (for scripts)'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from voice" -l dry-run -d 'Print the signed request (as a curl command; with --json as JSON) instead of sending it'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from voice" -s v -l verbose -d 'Also print the signed request (method, URL, body) and the reply\'s full decrypted XML'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from voice" -l allow-backend-error -d 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from voice" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from video" -l media-id -d 'The media id (MediaId)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from video" -l thumb-media-id -d 'The thumbnail\'s media id (ThumbMediaId)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from video" -s c -l config -d 'Config file to take the account from (the one `serve` reads)' -r -F
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from video" -s s -l service -d 'Service (account) name in the config; the first service by default' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from video" -l token -d 'WeChat Token (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from video" -l aes-key -d 'EncodingAESKey, 43 characters (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from video" -l app-id -d 'AppID (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from video" -l color -d 'Colour: auto (terminal, no NO_COLOR), always or never' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t''
never\t''"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from video" -l url -d 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from video" -l mode -d 'plain, compat or safe (default safe when an aes-key is known, else plain)' -r -f -a "plain\t'Plaintext XML, `signature` only'
compat\t'Plaintext fields and `<Encrypt>` side by side'
safe\t'Only `<Encrypt>`'"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from video" -l from -d 'The user\'s openid (FromUserName)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from video" -l to -d 'The account\'s original id (ToUserName)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from video" -l msg-id -d 'MsgId of a message (default: a fresh one from the clock)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from video" -l retries -d 'Re-send the identical push N more times, as WeChat does when it gets no answer' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from video" -l count -d 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from video" -l concurrency -d 'With --count: pushes in flight at once (1 to 1024)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from video" -l expect-text -d 'Fail (exit 1) unless the reply\'s text matches this regular expression' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from video" -l expect-type -d 'Fail unless the reply\'s MsgType is TYPE' -r -f -a "text\t''
image\t''
voice\t''
video\t''
music\t''
news\t''
transfer_customer_service\t''
success\t''"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from video" -l expect-status -d 'Fail unless the HTTP status is CODE (default: fail on anything but 200)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from video" -l timeout -d 'Seconds to wait for the gateway\'s answer (1 to 3600)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from video" -l json -d 'Print one JSON object instead of text (for scripts)'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from video" -l dry-run -d 'Print the signed request (as a curl command; with --json as JSON) instead of sending it'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from video" -s v -l verbose -d 'Also print the signed request (method, URL, body) and the reply\'s full decrypted XML'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from video" -l allow-backend-error -d 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from video" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from shortvideo" -l media-id -d 'The media id (MediaId)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from shortvideo" -l thumb-media-id -d 'The thumbnail\'s media id (ThumbMediaId)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from shortvideo" -s c -l config -d 'Config file to take the account from (the one `serve` reads)' -r -F
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from shortvideo" -s s -l service -d 'Service (account) name in the config; the first service by default' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from shortvideo" -l token -d 'WeChat Token (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from shortvideo" -l aes-key -d 'EncodingAESKey, 43 characters (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from shortvideo" -l app-id -d 'AppID (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from shortvideo" -l color -d 'Colour: auto (terminal, no NO_COLOR), always or never' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t''
never\t''"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from shortvideo" -l url -d 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from shortvideo" -l mode -d 'plain, compat or safe (default safe when an aes-key is known, else plain)' -r -f -a "plain\t'Plaintext XML, `signature` only'
compat\t'Plaintext fields and `<Encrypt>` side by side'
safe\t'Only `<Encrypt>`'"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from shortvideo" -l from -d 'The user\'s openid (FromUserName)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from shortvideo" -l to -d 'The account\'s original id (ToUserName)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from shortvideo" -l msg-id -d 'MsgId of a message (default: a fresh one from the clock)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from shortvideo" -l retries -d 'Re-send the identical push N more times, as WeChat does when it gets no answer' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from shortvideo" -l count -d 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from shortvideo" -l concurrency -d 'With --count: pushes in flight at once (1 to 1024)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from shortvideo" -l expect-text -d 'Fail (exit 1) unless the reply\'s text matches this regular expression' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from shortvideo" -l expect-type -d 'Fail unless the reply\'s MsgType is TYPE' -r -f -a "text\t''
image\t''
voice\t''
video\t''
music\t''
news\t''
transfer_customer_service\t''
success\t''"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from shortvideo" -l expect-status -d 'Fail unless the HTTP status is CODE (default: fail on anything but 200)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from shortvideo" -l timeout -d 'Seconds to wait for the gateway\'s answer (1 to 3600)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from shortvideo" -l json -d 'Print one JSON object instead of text (for scripts)'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from shortvideo" -l dry-run -d 'Print the signed request (as a curl command; with --json as JSON) instead of sending it'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from shortvideo" -s v -l verbose -d 'Also print the signed request (method, URL, body) and the reply\'s full decrypted XML'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from shortvideo" -l allow-backend-error -d 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from shortvideo" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location" -l lat -d 'Latitude' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location" -l lng -d 'Longitude' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location" -l scale -d 'Map zoom level (Scale)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location" -l label -d 'The place\'s name (Label)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location" -s c -l config -d 'Config file to take the account from (the one `serve` reads)' -r -F
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location" -s s -l service -d 'Service (account) name in the config; the first service by default' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location" -l token -d 'WeChat Token (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location" -l aes-key -d 'EncodingAESKey, 43 characters (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location" -l app-id -d 'AppID (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location" -l color -d 'Colour: auto (terminal, no NO_COLOR), always or never' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t''
never\t''"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location" -l url -d 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location" -l mode -d 'plain, compat or safe (default safe when an aes-key is known, else plain)' -r -f -a "plain\t'Plaintext XML, `signature` only'
compat\t'Plaintext fields and `<Encrypt>` side by side'
safe\t'Only `<Encrypt>`'"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location" -l from -d 'The user\'s openid (FromUserName)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location" -l to -d 'The account\'s original id (ToUserName)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location" -l msg-id -d 'MsgId of a message (default: a fresh one from the clock)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location" -l retries -d 'Re-send the identical push N more times, as WeChat does when it gets no answer' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location" -l count -d 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location" -l concurrency -d 'With --count: pushes in flight at once (1 to 1024)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location" -l expect-text -d 'Fail (exit 1) unless the reply\'s text matches this regular expression' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location" -l expect-type -d 'Fail unless the reply\'s MsgType is TYPE' -r -f -a "text\t''
image\t''
voice\t''
video\t''
music\t''
news\t''
transfer_customer_service\t''
success\t''"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location" -l expect-status -d 'Fail unless the HTTP status is CODE (default: fail on anything but 200)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location" -l timeout -d 'Seconds to wait for the gateway\'s answer (1 to 3600)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location" -l json -d 'Print one JSON object instead of text (for scripts)'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location" -l dry-run -d 'Print the signed request (as a curl command; with --json as JSON) instead of sending it'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location" -s v -l verbose -d 'Also print the signed request (method, URL, body) and the reply\'s full decrypted XML'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location" -l allow-backend-error -d 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from link" -l title -d 'The link\'s title' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from link" -l description -d 'The link\'s description' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from link" -l link-url -d 'The linked URL (`--url` is the gateway\'s)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from link" -s c -l config -d 'Config file to take the account from (the one `serve` reads)' -r -F
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from link" -s s -l service -d 'Service (account) name in the config; the first service by default' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from link" -l token -d 'WeChat Token (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from link" -l aes-key -d 'EncodingAESKey, 43 characters (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from link" -l app-id -d 'AppID (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from link" -l color -d 'Colour: auto (terminal, no NO_COLOR), always or never' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t''
never\t''"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from link" -l url -d 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from link" -l mode -d 'plain, compat or safe (default safe when an aes-key is known, else plain)' -r -f -a "plain\t'Plaintext XML, `signature` only'
compat\t'Plaintext fields and `<Encrypt>` side by side'
safe\t'Only `<Encrypt>`'"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from link" -l from -d 'The user\'s openid (FromUserName)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from link" -l to -d 'The account\'s original id (ToUserName)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from link" -l msg-id -d 'MsgId of a message (default: a fresh one from the clock)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from link" -l retries -d 'Re-send the identical push N more times, as WeChat does when it gets no answer' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from link" -l count -d 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from link" -l concurrency -d 'With --count: pushes in flight at once (1 to 1024)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from link" -l expect-text -d 'Fail (exit 1) unless the reply\'s text matches this regular expression' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from link" -l expect-type -d 'Fail unless the reply\'s MsgType is TYPE' -r -f -a "text\t''
image\t''
voice\t''
video\t''
music\t''
news\t''
transfer_customer_service\t''
success\t''"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from link" -l expect-status -d 'Fail unless the HTTP status is CODE (default: fail on anything but 200)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from link" -l timeout -d 'Seconds to wait for the gateway\'s answer (1 to 3600)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from link" -l json -d 'Print one JSON object instead of text (for scripts)'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from link" -l dry-run -d 'Print the signed request (as a curl command; with --json as JSON) instead of sending it'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from link" -s v -l verbose -d 'Also print the signed request (method, URL, body) and the reply\'s full decrypted XML'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from link" -l allow-backend-error -d 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from link" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from subscribe" -l scene -d 'QR scene of a scan-to-follow (sent as EventKey qrscene_<S> with a Ticket)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from subscribe" -s c -l config -d 'Config file to take the account from (the one `serve` reads)' -r -F
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from subscribe" -s s -l service -d 'Service (account) name in the config; the first service by default' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from subscribe" -l token -d 'WeChat Token (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from subscribe" -l aes-key -d 'EncodingAESKey, 43 characters (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from subscribe" -l app-id -d 'AppID (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from subscribe" -l color -d 'Colour: auto (terminal, no NO_COLOR), always or never' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t''
never\t''"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from subscribe" -l url -d 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from subscribe" -l mode -d 'plain, compat or safe (default safe when an aes-key is known, else plain)' -r -f -a "plain\t'Plaintext XML, `signature` only'
compat\t'Plaintext fields and `<Encrypt>` side by side'
safe\t'Only `<Encrypt>`'"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from subscribe" -l from -d 'The user\'s openid (FromUserName)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from subscribe" -l to -d 'The account\'s original id (ToUserName)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from subscribe" -l msg-id -d 'MsgId of a message (default: a fresh one from the clock)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from subscribe" -l retries -d 'Re-send the identical push N more times, as WeChat does when it gets no answer' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from subscribe" -l count -d 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from subscribe" -l concurrency -d 'With --count: pushes in flight at once (1 to 1024)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from subscribe" -l expect-text -d 'Fail (exit 1) unless the reply\'s text matches this regular expression' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from subscribe" -l expect-type -d 'Fail unless the reply\'s MsgType is TYPE' -r -f -a "text\t''
image\t''
voice\t''
video\t''
music\t''
news\t''
transfer_customer_service\t''
success\t''"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from subscribe" -l expect-status -d 'Fail unless the HTTP status is CODE (default: fail on anything but 200)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from subscribe" -l timeout -d 'Seconds to wait for the gateway\'s answer (1 to 3600)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from subscribe" -l json -d 'Print one JSON object instead of text (for scripts)'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from subscribe" -l dry-run -d 'Print the signed request (as a curl command; with --json as JSON) instead of sending it'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from subscribe" -s v -l verbose -d 'Also print the signed request (method, URL, body) and the reply\'s full decrypted XML'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from subscribe" -l allow-backend-error -d 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from subscribe" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from unsubscribe" -s c -l config -d 'Config file to take the account from (the one `serve` reads)' -r -F
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from unsubscribe" -s s -l service -d 'Service (account) name in the config; the first service by default' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from unsubscribe" -l token -d 'WeChat Token (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from unsubscribe" -l aes-key -d 'EncodingAESKey, 43 characters (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from unsubscribe" -l app-id -d 'AppID (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from unsubscribe" -l color -d 'Colour: auto (terminal, no NO_COLOR), always or never' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t''
never\t''"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from unsubscribe" -l url -d 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from unsubscribe" -l mode -d 'plain, compat or safe (default safe when an aes-key is known, else plain)' -r -f -a "plain\t'Plaintext XML, `signature` only'
compat\t'Plaintext fields and `<Encrypt>` side by side'
safe\t'Only `<Encrypt>`'"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from unsubscribe" -l from -d 'The user\'s openid (FromUserName)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from unsubscribe" -l to -d 'The account\'s original id (ToUserName)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from unsubscribe" -l msg-id -d 'MsgId of a message (default: a fresh one from the clock)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from unsubscribe" -l retries -d 'Re-send the identical push N more times, as WeChat does when it gets no answer' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from unsubscribe" -l count -d 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from unsubscribe" -l concurrency -d 'With --count: pushes in flight at once (1 to 1024)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from unsubscribe" -l expect-text -d 'Fail (exit 1) unless the reply\'s text matches this regular expression' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from unsubscribe" -l expect-type -d 'Fail unless the reply\'s MsgType is TYPE' -r -f -a "text\t''
image\t''
voice\t''
video\t''
music\t''
news\t''
transfer_customer_service\t''
success\t''"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from unsubscribe" -l expect-status -d 'Fail unless the HTTP status is CODE (default: fail on anything but 200)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from unsubscribe" -l timeout -d 'Seconds to wait for the gateway\'s answer (1 to 3600)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from unsubscribe" -l json -d 'Print one JSON object instead of text (for scripts)'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from unsubscribe" -l dry-run -d 'Print the signed request (as a curl command; with --json as JSON) instead of sending it'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from unsubscribe" -s v -l verbose -d 'Also print the signed request (method, URL, body) and the reply\'s full decrypted XML'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from unsubscribe" -l allow-backend-error -d 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from unsubscribe" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scan" -l scene -d 'The QR code\'s scene (EventKey)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scan" -s c -l config -d 'Config file to take the account from (the one `serve` reads)' -r -F
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scan" -s s -l service -d 'Service (account) name in the config; the first service by default' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scan" -l token -d 'WeChat Token (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scan" -l aes-key -d 'EncodingAESKey, 43 characters (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scan" -l app-id -d 'AppID (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scan" -l color -d 'Colour: auto (terminal, no NO_COLOR), always or never' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t''
never\t''"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scan" -l url -d 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scan" -l mode -d 'plain, compat or safe (default safe when an aes-key is known, else plain)' -r -f -a "plain\t'Plaintext XML, `signature` only'
compat\t'Plaintext fields and `<Encrypt>` side by side'
safe\t'Only `<Encrypt>`'"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scan" -l from -d 'The user\'s openid (FromUserName)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scan" -l to -d 'The account\'s original id (ToUserName)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scan" -l msg-id -d 'MsgId of a message (default: a fresh one from the clock)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scan" -l retries -d 'Re-send the identical push N more times, as WeChat does when it gets no answer' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scan" -l count -d 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scan" -l concurrency -d 'With --count: pushes in flight at once (1 to 1024)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scan" -l expect-text -d 'Fail (exit 1) unless the reply\'s text matches this regular expression' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scan" -l expect-type -d 'Fail unless the reply\'s MsgType is TYPE' -r -f -a "text\t''
image\t''
voice\t''
video\t''
music\t''
news\t''
transfer_customer_service\t''
success\t''"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scan" -l expect-status -d 'Fail unless the HTTP status is CODE (default: fail on anything but 200)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scan" -l timeout -d 'Seconds to wait for the gateway\'s answer (1 to 3600)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scan" -l json -d 'Print one JSON object instead of text (for scripts)'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scan" -l dry-run -d 'Print the signed request (as a curl command; with --json as JSON) instead of sending it'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scan" -s v -l verbose -d 'Also print the signed request (method, URL, body) and the reply\'s full decrypted XML'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scan" -l allow-backend-error -d 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scan" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from click" -l key -d 'The menu button\'s key (EventKey)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from click" -s c -l config -d 'Config file to take the account from (the one `serve` reads)' -r -F
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from click" -s s -l service -d 'Service (account) name in the config; the first service by default' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from click" -l token -d 'WeChat Token (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from click" -l aes-key -d 'EncodingAESKey, 43 characters (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from click" -l app-id -d 'AppID (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from click" -l color -d 'Colour: auto (terminal, no NO_COLOR), always or never' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t''
never\t''"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from click" -l url -d 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from click" -l mode -d 'plain, compat or safe (default safe when an aes-key is known, else plain)' -r -f -a "plain\t'Plaintext XML, `signature` only'
compat\t'Plaintext fields and `<Encrypt>` side by side'
safe\t'Only `<Encrypt>`'"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from click" -l from -d 'The user\'s openid (FromUserName)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from click" -l to -d 'The account\'s original id (ToUserName)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from click" -l msg-id -d 'MsgId of a message (default: a fresh one from the clock)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from click" -l retries -d 'Re-send the identical push N more times, as WeChat does when it gets no answer' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from click" -l count -d 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from click" -l concurrency -d 'With --count: pushes in flight at once (1 to 1024)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from click" -l expect-text -d 'Fail (exit 1) unless the reply\'s text matches this regular expression' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from click" -l expect-type -d 'Fail unless the reply\'s MsgType is TYPE' -r -f -a "text\t''
image\t''
voice\t''
video\t''
music\t''
news\t''
transfer_customer_service\t''
success\t''"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from click" -l expect-status -d 'Fail unless the HTTP status is CODE (default: fail on anything but 200)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from click" -l timeout -d 'Seconds to wait for the gateway\'s answer (1 to 3600)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from click" -l json -d 'Print one JSON object instead of text (for scripts)'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from click" -l dry-run -d 'Print the signed request (as a curl command; with --json as JSON) instead of sending it'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from click" -s v -l verbose -d 'Also print the signed request (method, URL, body) and the reply\'s full decrypted XML'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from click" -l allow-backend-error -d 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from click" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from view" -l view-url -d 'The menu button\'s URL, sent as EventKey (`--url` is the gateway\'s)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from view" -s c -l config -d 'Config file to take the account from (the one `serve` reads)' -r -F
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from view" -s s -l service -d 'Service (account) name in the config; the first service by default' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from view" -l token -d 'WeChat Token (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from view" -l aes-key -d 'EncodingAESKey, 43 characters (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from view" -l app-id -d 'AppID (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from view" -l color -d 'Colour: auto (terminal, no NO_COLOR), always or never' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t''
never\t''"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from view" -l url -d 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from view" -l mode -d 'plain, compat or safe (default safe when an aes-key is known, else plain)' -r -f -a "plain\t'Plaintext XML, `signature` only'
compat\t'Plaintext fields and `<Encrypt>` side by side'
safe\t'Only `<Encrypt>`'"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from view" -l from -d 'The user\'s openid (FromUserName)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from view" -l to -d 'The account\'s original id (ToUserName)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from view" -l msg-id -d 'MsgId of a message (default: a fresh one from the clock)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from view" -l retries -d 'Re-send the identical push N more times, as WeChat does when it gets no answer' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from view" -l count -d 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from view" -l concurrency -d 'With --count: pushes in flight at once (1 to 1024)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from view" -l expect-text -d 'Fail (exit 1) unless the reply\'s text matches this regular expression' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from view" -l expect-type -d 'Fail unless the reply\'s MsgType is TYPE' -r -f -a "text\t''
image\t''
voice\t''
video\t''
music\t''
news\t''
transfer_customer_service\t''
success\t''"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from view" -l expect-status -d 'Fail unless the HTTP status is CODE (default: fail on anything but 200)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from view" -l timeout -d 'Seconds to wait for the gateway\'s answer (1 to 3600)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from view" -l json -d 'Print one JSON object instead of text (for scripts)'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from view" -l dry-run -d 'Print the signed request (as a curl command; with --json as JSON) instead of sending it'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from view" -s v -l verbose -d 'Also print the signed request (method, URL, body) and the reply\'s full decrypted XML'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from view" -l allow-backend-error -d 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from view" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location-report" -l lat -d 'Latitude' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location-report" -l lng -d 'Longitude' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location-report" -l precision -d 'Accuracy in metres (Precision)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location-report" -s c -l config -d 'Config file to take the account from (the one `serve` reads)' -r -F
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location-report" -s s -l service -d 'Service (account) name in the config; the first service by default' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location-report" -l token -d 'WeChat Token (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location-report" -l aes-key -d 'EncodingAESKey, 43 characters (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location-report" -l app-id -d 'AppID (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location-report" -l color -d 'Colour: auto (terminal, no NO_COLOR), always or never' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t''
never\t''"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location-report" -l url -d 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location-report" -l mode -d 'plain, compat or safe (default safe when an aes-key is known, else plain)' -r -f -a "plain\t'Plaintext XML, `signature` only'
compat\t'Plaintext fields and `<Encrypt>` side by side'
safe\t'Only `<Encrypt>`'"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location-report" -l from -d 'The user\'s openid (FromUserName)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location-report" -l to -d 'The account\'s original id (ToUserName)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location-report" -l msg-id -d 'MsgId of a message (default: a fresh one from the clock)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location-report" -l retries -d 'Re-send the identical push N more times, as WeChat does when it gets no answer' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location-report" -l count -d 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location-report" -l concurrency -d 'With --count: pushes in flight at once (1 to 1024)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location-report" -l expect-text -d 'Fail (exit 1) unless the reply\'s text matches this regular expression' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location-report" -l expect-type -d 'Fail unless the reply\'s MsgType is TYPE' -r -f -a "text\t''
image\t''
voice\t''
video\t''
music\t''
news\t''
transfer_customer_service\t''
success\t''"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location-report" -l expect-status -d 'Fail unless the HTTP status is CODE (default: fail on anything but 200)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location-report" -l timeout -d 'Seconds to wait for the gateway\'s answer (1 to 3600)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location-report" -l json -d 'Print one JSON object instead of text (for scripts)'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location-report" -l dry-run -d 'Print the signed request (as a curl command; with --json as JSON) instead of sending it'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location-report" -s v -l verbose -d 'Also print the signed request (method, URL, body) and the reply\'s full decrypted XML'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location-report" -l allow-backend-error -d 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location-report" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scancode-push" -l key -d 'The menu button\'s key (EventKey)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scancode-push" -l result -d 'What the scan read (ScanResult)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scancode-push" -s c -l config -d 'Config file to take the account from (the one `serve` reads)' -r -F
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scancode-push" -s s -l service -d 'Service (account) name in the config; the first service by default' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scancode-push" -l token -d 'WeChat Token (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scancode-push" -l aes-key -d 'EncodingAESKey, 43 characters (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scancode-push" -l app-id -d 'AppID (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scancode-push" -l color -d 'Colour: auto (terminal, no NO_COLOR), always or never' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t''
never\t''"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scancode-push" -l url -d 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scancode-push" -l mode -d 'plain, compat or safe (default safe when an aes-key is known, else plain)' -r -f -a "plain\t'Plaintext XML, `signature` only'
compat\t'Plaintext fields and `<Encrypt>` side by side'
safe\t'Only `<Encrypt>`'"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scancode-push" -l from -d 'The user\'s openid (FromUserName)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scancode-push" -l to -d 'The account\'s original id (ToUserName)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scancode-push" -l msg-id -d 'MsgId of a message (default: a fresh one from the clock)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scancode-push" -l retries -d 'Re-send the identical push N more times, as WeChat does when it gets no answer' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scancode-push" -l count -d 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scancode-push" -l concurrency -d 'With --count: pushes in flight at once (1 to 1024)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scancode-push" -l expect-text -d 'Fail (exit 1) unless the reply\'s text matches this regular expression' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scancode-push" -l expect-type -d 'Fail unless the reply\'s MsgType is TYPE' -r -f -a "text\t''
image\t''
voice\t''
video\t''
music\t''
news\t''
transfer_customer_service\t''
success\t''"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scancode-push" -l expect-status -d 'Fail unless the HTTP status is CODE (default: fail on anything but 200)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scancode-push" -l timeout -d 'Seconds to wait for the gateway\'s answer (1 to 3600)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scancode-push" -l json -d 'Print one JSON object instead of text (for scripts)'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scancode-push" -l dry-run -d 'Print the signed request (as a curl command; with --json as JSON) instead of sending it'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scancode-push" -s v -l verbose -d 'Also print the signed request (method, URL, body) and the reply\'s full decrypted XML'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scancode-push" -l allow-backend-error -d 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scancode-push" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scancode-waitmsg" -l key -d 'The menu button\'s key (EventKey)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scancode-waitmsg" -l result -d 'What the scan read (ScanResult)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scancode-waitmsg" -s c -l config -d 'Config file to take the account from (the one `serve` reads)' -r -F
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scancode-waitmsg" -s s -l service -d 'Service (account) name in the config; the first service by default' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scancode-waitmsg" -l token -d 'WeChat Token (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scancode-waitmsg" -l aes-key -d 'EncodingAESKey, 43 characters (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scancode-waitmsg" -l app-id -d 'AppID (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scancode-waitmsg" -l color -d 'Colour: auto (terminal, no NO_COLOR), always or never' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t''
never\t''"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scancode-waitmsg" -l url -d 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scancode-waitmsg" -l mode -d 'plain, compat or safe (default safe when an aes-key is known, else plain)' -r -f -a "plain\t'Plaintext XML, `signature` only'
compat\t'Plaintext fields and `<Encrypt>` side by side'
safe\t'Only `<Encrypt>`'"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scancode-waitmsg" -l from -d 'The user\'s openid (FromUserName)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scancode-waitmsg" -l to -d 'The account\'s original id (ToUserName)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scancode-waitmsg" -l msg-id -d 'MsgId of a message (default: a fresh one from the clock)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scancode-waitmsg" -l retries -d 'Re-send the identical push N more times, as WeChat does when it gets no answer' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scancode-waitmsg" -l count -d 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scancode-waitmsg" -l concurrency -d 'With --count: pushes in flight at once (1 to 1024)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scancode-waitmsg" -l expect-text -d 'Fail (exit 1) unless the reply\'s text matches this regular expression' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scancode-waitmsg" -l expect-type -d 'Fail unless the reply\'s MsgType is TYPE' -r -f -a "text\t''
image\t''
voice\t''
video\t''
music\t''
news\t''
transfer_customer_service\t''
success\t''"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scancode-waitmsg" -l expect-status -d 'Fail unless the HTTP status is CODE (default: fail on anything but 200)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scancode-waitmsg" -l timeout -d 'Seconds to wait for the gateway\'s answer (1 to 3600)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scancode-waitmsg" -l json -d 'Print one JSON object instead of text (for scripts)'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scancode-waitmsg" -l dry-run -d 'Print the signed request (as a curl command; with --json as JSON) instead of sending it'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scancode-waitmsg" -s v -l verbose -d 'Also print the signed request (method, URL, body) and the reply\'s full decrypted XML'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scancode-waitmsg" -l allow-backend-error -d 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from scancode-waitmsg" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-sysphoto" -l key -d 'The menu button\'s key (EventKey)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-sysphoto" -l pics -d 'How many pictures were sent (Count)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-sysphoto" -s c -l config -d 'Config file to take the account from (the one `serve` reads)' -r -F
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-sysphoto" -s s -l service -d 'Service (account) name in the config; the first service by default' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-sysphoto" -l token -d 'WeChat Token (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-sysphoto" -l aes-key -d 'EncodingAESKey, 43 characters (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-sysphoto" -l app-id -d 'AppID (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-sysphoto" -l color -d 'Colour: auto (terminal, no NO_COLOR), always or never' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t''
never\t''"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-sysphoto" -l url -d 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-sysphoto" -l mode -d 'plain, compat or safe (default safe when an aes-key is known, else plain)' -r -f -a "plain\t'Plaintext XML, `signature` only'
compat\t'Plaintext fields and `<Encrypt>` side by side'
safe\t'Only `<Encrypt>`'"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-sysphoto" -l from -d 'The user\'s openid (FromUserName)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-sysphoto" -l to -d 'The account\'s original id (ToUserName)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-sysphoto" -l msg-id -d 'MsgId of a message (default: a fresh one from the clock)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-sysphoto" -l retries -d 'Re-send the identical push N more times, as WeChat does when it gets no answer' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-sysphoto" -l count -d 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-sysphoto" -l concurrency -d 'With --count: pushes in flight at once (1 to 1024)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-sysphoto" -l expect-text -d 'Fail (exit 1) unless the reply\'s text matches this regular expression' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-sysphoto" -l expect-type -d 'Fail unless the reply\'s MsgType is TYPE' -r -f -a "text\t''
image\t''
voice\t''
video\t''
music\t''
news\t''
transfer_customer_service\t''
success\t''"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-sysphoto" -l expect-status -d 'Fail unless the HTTP status is CODE (default: fail on anything but 200)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-sysphoto" -l timeout -d 'Seconds to wait for the gateway\'s answer (1 to 3600)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-sysphoto" -l json -d 'Print one JSON object instead of text (for scripts)'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-sysphoto" -l dry-run -d 'Print the signed request (as a curl command; with --json as JSON) instead of sending it'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-sysphoto" -s v -l verbose -d 'Also print the signed request (method, URL, body) and the reply\'s full decrypted XML'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-sysphoto" -l allow-backend-error -d 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-sysphoto" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-photo-or-album" -l key -d 'The menu button\'s key (EventKey)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-photo-or-album" -l pics -d 'How many pictures were sent (Count)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-photo-or-album" -s c -l config -d 'Config file to take the account from (the one `serve` reads)' -r -F
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-photo-or-album" -s s -l service -d 'Service (account) name in the config; the first service by default' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-photo-or-album" -l token -d 'WeChat Token (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-photo-or-album" -l aes-key -d 'EncodingAESKey, 43 characters (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-photo-or-album" -l app-id -d 'AppID (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-photo-or-album" -l color -d 'Colour: auto (terminal, no NO_COLOR), always or never' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t''
never\t''"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-photo-or-album" -l url -d 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-photo-or-album" -l mode -d 'plain, compat or safe (default safe when an aes-key is known, else plain)' -r -f -a "plain\t'Plaintext XML, `signature` only'
compat\t'Plaintext fields and `<Encrypt>` side by side'
safe\t'Only `<Encrypt>`'"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-photo-or-album" -l from -d 'The user\'s openid (FromUserName)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-photo-or-album" -l to -d 'The account\'s original id (ToUserName)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-photo-or-album" -l msg-id -d 'MsgId of a message (default: a fresh one from the clock)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-photo-or-album" -l retries -d 'Re-send the identical push N more times, as WeChat does when it gets no answer' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-photo-or-album" -l count -d 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-photo-or-album" -l concurrency -d 'With --count: pushes in flight at once (1 to 1024)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-photo-or-album" -l expect-text -d 'Fail (exit 1) unless the reply\'s text matches this regular expression' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-photo-or-album" -l expect-type -d 'Fail unless the reply\'s MsgType is TYPE' -r -f -a "text\t''
image\t''
voice\t''
video\t''
music\t''
news\t''
transfer_customer_service\t''
success\t''"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-photo-or-album" -l expect-status -d 'Fail unless the HTTP status is CODE (default: fail on anything but 200)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-photo-or-album" -l timeout -d 'Seconds to wait for the gateway\'s answer (1 to 3600)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-photo-or-album" -l json -d 'Print one JSON object instead of text (for scripts)'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-photo-or-album" -l dry-run -d 'Print the signed request (as a curl command; with --json as JSON) instead of sending it'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-photo-or-album" -s v -l verbose -d 'Also print the signed request (method, URL, body) and the reply\'s full decrypted XML'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-photo-or-album" -l allow-backend-error -d 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-photo-or-album" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-weixin" -l key -d 'The menu button\'s key (EventKey)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-weixin" -l pics -d 'How many pictures were sent (Count)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-weixin" -s c -l config -d 'Config file to take the account from (the one `serve` reads)' -r -F
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-weixin" -s s -l service -d 'Service (account) name in the config; the first service by default' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-weixin" -l token -d 'WeChat Token (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-weixin" -l aes-key -d 'EncodingAESKey, 43 characters (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-weixin" -l app-id -d 'AppID (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-weixin" -l color -d 'Colour: auto (terminal, no NO_COLOR), always or never' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t''
never\t''"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-weixin" -l url -d 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-weixin" -l mode -d 'plain, compat or safe (default safe when an aes-key is known, else plain)' -r -f -a "plain\t'Plaintext XML, `signature` only'
compat\t'Plaintext fields and `<Encrypt>` side by side'
safe\t'Only `<Encrypt>`'"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-weixin" -l from -d 'The user\'s openid (FromUserName)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-weixin" -l to -d 'The account\'s original id (ToUserName)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-weixin" -l msg-id -d 'MsgId of a message (default: a fresh one from the clock)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-weixin" -l retries -d 'Re-send the identical push N more times, as WeChat does when it gets no answer' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-weixin" -l count -d 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-weixin" -l concurrency -d 'With --count: pushes in flight at once (1 to 1024)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-weixin" -l expect-text -d 'Fail (exit 1) unless the reply\'s text matches this regular expression' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-weixin" -l expect-type -d 'Fail unless the reply\'s MsgType is TYPE' -r -f -a "text\t''
image\t''
voice\t''
video\t''
music\t''
news\t''
transfer_customer_service\t''
success\t''"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-weixin" -l expect-status -d 'Fail unless the HTTP status is CODE (default: fail on anything but 200)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-weixin" -l timeout -d 'Seconds to wait for the gateway\'s answer (1 to 3600)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-weixin" -l json -d 'Print one JSON object instead of text (for scripts)'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-weixin" -l dry-run -d 'Print the signed request (as a curl command; with --json as JSON) instead of sending it'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-weixin" -s v -l verbose -d 'Also print the signed request (method, URL, body) and the reply\'s full decrypted XML'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-weixin" -l allow-backend-error -d 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from pic-weixin" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location-select" -l key -d 'The menu button\'s key (EventKey)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location-select" -l label -d 'The place\'s name (Label)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location-select" -s c -l config -d 'Config file to take the account from (the one `serve` reads)' -r -F
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location-select" -s s -l service -d 'Service (account) name in the config; the first service by default' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location-select" -l token -d 'WeChat Token (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location-select" -l aes-key -d 'EncodingAESKey, 43 characters (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location-select" -l app-id -d 'AppID (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location-select" -l color -d 'Colour: auto (terminal, no NO_COLOR), always or never' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t''
never\t''"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location-select" -l url -d 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location-select" -l mode -d 'plain, compat or safe (default safe when an aes-key is known, else plain)' -r -f -a "plain\t'Plaintext XML, `signature` only'
compat\t'Plaintext fields and `<Encrypt>` side by side'
safe\t'Only `<Encrypt>`'"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location-select" -l from -d 'The user\'s openid (FromUserName)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location-select" -l to -d 'The account\'s original id (ToUserName)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location-select" -l msg-id -d 'MsgId of a message (default: a fresh one from the clock)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location-select" -l retries -d 'Re-send the identical push N more times, as WeChat does when it gets no answer' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location-select" -l count -d 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location-select" -l concurrency -d 'With --count: pushes in flight at once (1 to 1024)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location-select" -l expect-text -d 'Fail (exit 1) unless the reply\'s text matches this regular expression' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location-select" -l expect-type -d 'Fail unless the reply\'s MsgType is TYPE' -r -f -a "text\t''
image\t''
voice\t''
video\t''
music\t''
news\t''
transfer_customer_service\t''
success\t''"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location-select" -l expect-status -d 'Fail unless the HTTP status is CODE (default: fail on anything but 200)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location-select" -l timeout -d 'Seconds to wait for the gateway\'s answer (1 to 3600)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location-select" -l json -d 'Print one JSON object instead of text (for scripts)'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location-select" -l dry-run -d 'Print the signed request (as a curl command; with --json as JSON) instead of sending it'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location-select" -s v -l verbose -d 'Also print the signed request (method, URL, body) and the reply\'s full decrypted XML'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location-select" -l allow-backend-error -d 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from location-select" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from template-finish" -l status -d 'The job\'s Status' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from template-finish" -s c -l config -d 'Config file to take the account from (the one `serve` reads)' -r -F
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from template-finish" -s s -l service -d 'Service (account) name in the config; the first service by default' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from template-finish" -l token -d 'WeChat Token (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from template-finish" -l aes-key -d 'EncodingAESKey, 43 characters (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from template-finish" -l app-id -d 'AppID (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from template-finish" -l color -d 'Colour: auto (terminal, no NO_COLOR), always or never' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t''
never\t''"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from template-finish" -l url -d 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from template-finish" -l mode -d 'plain, compat or safe (default safe when an aes-key is known, else plain)' -r -f -a "plain\t'Plaintext XML, `signature` only'
compat\t'Plaintext fields and `<Encrypt>` side by side'
safe\t'Only `<Encrypt>`'"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from template-finish" -l from -d 'The user\'s openid (FromUserName)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from template-finish" -l to -d 'The account\'s original id (ToUserName)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from template-finish" -l msg-id -d 'MsgId of a message (default: a fresh one from the clock)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from template-finish" -l retries -d 'Re-send the identical push N more times, as WeChat does when it gets no answer' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from template-finish" -l count -d 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from template-finish" -l concurrency -d 'With --count: pushes in flight at once (1 to 1024)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from template-finish" -l expect-text -d 'Fail (exit 1) unless the reply\'s text matches this regular expression' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from template-finish" -l expect-type -d 'Fail unless the reply\'s MsgType is TYPE' -r -f -a "text\t''
image\t''
voice\t''
video\t''
music\t''
news\t''
transfer_customer_service\t''
success\t''"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from template-finish" -l expect-status -d 'Fail unless the HTTP status is CODE (default: fail on anything but 200)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from template-finish" -l timeout -d 'Seconds to wait for the gateway\'s answer (1 to 3600)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from template-finish" -l json -d 'Print one JSON object instead of text (for scripts)'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from template-finish" -l dry-run -d 'Print the signed request (as a curl command; with --json as JSON) instead of sending it'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from template-finish" -s v -l verbose -d 'Also print the signed request (method, URL, body) and the reply\'s full decrypted XML'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from template-finish" -l allow-backend-error -d 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from template-finish" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from mass-finish" -l status -d 'The job\'s Status' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from mass-finish" -s c -l config -d 'Config file to take the account from (the one `serve` reads)' -r -F
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from mass-finish" -s s -l service -d 'Service (account) name in the config; the first service by default' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from mass-finish" -l token -d 'WeChat Token (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from mass-finish" -l aes-key -d 'EncodingAESKey, 43 characters (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from mass-finish" -l app-id -d 'AppID (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from mass-finish" -l color -d 'Colour: auto (terminal, no NO_COLOR), always or never' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t''
never\t''"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from mass-finish" -l url -d 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from mass-finish" -l mode -d 'plain, compat or safe (default safe when an aes-key is known, else plain)' -r -f -a "plain\t'Plaintext XML, `signature` only'
compat\t'Plaintext fields and `<Encrypt>` side by side'
safe\t'Only `<Encrypt>`'"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from mass-finish" -l from -d 'The user\'s openid (FromUserName)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from mass-finish" -l to -d 'The account\'s original id (ToUserName)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from mass-finish" -l msg-id -d 'MsgId of a message (default: a fresh one from the clock)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from mass-finish" -l retries -d 'Re-send the identical push N more times, as WeChat does when it gets no answer' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from mass-finish" -l count -d 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from mass-finish" -l concurrency -d 'With --count: pushes in flight at once (1 to 1024)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from mass-finish" -l expect-text -d 'Fail (exit 1) unless the reply\'s text matches this regular expression' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from mass-finish" -l expect-type -d 'Fail unless the reply\'s MsgType is TYPE' -r -f -a "text\t''
image\t''
voice\t''
video\t''
music\t''
news\t''
transfer_customer_service\t''
success\t''"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from mass-finish" -l expect-status -d 'Fail unless the HTTP status is CODE (default: fail on anything but 200)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from mass-finish" -l timeout -d 'Seconds to wait for the gateway\'s answer (1 to 3600)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from mass-finish" -l json -d 'Print one JSON object instead of text (for scripts)'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from mass-finish" -l dry-run -d 'Print the signed request (as a curl command; with --json as JSON) instead of sending it'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from mass-finish" -s v -l verbose -d 'Also print the signed request (method, URL, body) and the reply\'s full decrypted XML'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from mass-finish" -l allow-backend-error -d 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from mass-finish" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from raw" -s c -l config -d 'Config file to take the account from (the one `serve` reads)' -r -F
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from raw" -s s -l service -d 'Service (account) name in the config; the first service by default' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from raw" -l token -d 'WeChat Token (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from raw" -l aes-key -d 'EncodingAESKey, 43 characters (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from raw" -l app-id -d 'AppID (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from raw" -l color -d 'Colour: auto (terminal, no NO_COLOR), always or never' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t''
never\t''"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from raw" -l url -d 'Callback URL of the gateway (default: http://<listen-host>:<listen-port><service-path> of the config). Anywhere on the line; without a scheme, http:// is meant' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from raw" -l mode -d 'plain, compat or safe (default safe when an aes-key is known, else plain)' -r -f -a "plain\t'Plaintext XML, `signature` only'
compat\t'Plaintext fields and `<Encrypt>` side by side'
safe\t'Only `<Encrypt>`'"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from raw" -l from -d 'The user\'s openid (FromUserName)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from raw" -l to -d 'The account\'s original id (ToUserName)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from raw" -l msg-id -d 'MsgId of a message (default: a fresh one from the clock)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from raw" -l retries -d 'Re-send the identical push N more times, as WeChat does when it gets no answer' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from raw" -l count -d 'Send N pushes (each with its own MsgId; 1 to 1000000) and print a latency summary' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from raw" -l concurrency -d 'With --count: pushes in flight at once (1 to 1024)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from raw" -l expect-text -d 'Fail (exit 1) unless the reply\'s text matches this regular expression' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from raw" -l expect-type -d 'Fail unless the reply\'s MsgType is TYPE' -r -f -a "text\t''
image\t''
voice\t''
video\t''
music\t''
news\t''
transfer_customer_service\t''
success\t''"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from raw" -l expect-status -d 'Fail unless the HTTP status is CODE (default: fail on anything but 200)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from raw" -l timeout -d 'Seconds to wait for the gateway\'s answer (1 to 3600)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from raw" -l json -d 'Print one JSON object instead of text (for scripts)'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from raw" -l dry-run -d 'Print the signed request (as a curl command; with --json as JSON) instead of sending it'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from raw" -s v -l verbose -d 'Also print the signed request (method, URL, body) and the reply\'s full decrypted XML'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from raw" -l allow-backend-error -d 'Pass even when the gateway says its backend did not take the push (X-Wx-Gateway-Outcome: backend-error, spooled or spool-failed); by default that fails, though WeChat is answered `success`'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from raw" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from help" -f -a "verify" -d 'The GET echostr handshake of the server configuration page'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from help" -f -a "text" -d 'A text message'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from help" -f -a "image" -d 'An image message'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from help" -f -a "voice" -d 'A voice message'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from help" -f -a "video" -d 'A video message'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from help" -f -a "shortvideo" -d 'A short video message'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from help" -f -a "location" -d 'A location message'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from help" -f -a "link" -d 'A link message'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from help" -f -a "subscribe" -d 'A subscribe (follow) event'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from help" -f -a "unsubscribe" -d 'An unsubscribe event'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from help" -f -a "scan" -d 'A SCAN event (a follower scanned a parameter QR code)'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from help" -f -a "click" -d 'A CLICK menu event'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from help" -f -a "view" -d 'A VIEW menu event'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from help" -f -a "location-report" -d 'A LOCATION report event'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from help" -f -a "scancode-push" -d 'A scancode_push menu event'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from help" -f -a "scancode-waitmsg" -d 'A scancode_waitmsg menu event'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from help" -f -a "pic-sysphoto" -d 'A pic_sysphoto menu event'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from help" -f -a "pic-photo-or-album" -d 'A pic_photo_or_album menu event'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from help" -f -a "pic-weixin" -d 'A pic_weixin menu event'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from help" -f -a "location-select" -d 'A location_select menu event'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from help" -f -a "template-finish" -d 'A TEMPLATESENDJOBFINISH event'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from help" -f -a "mass-finish" -d 'A MASSSENDJOBFINISH event'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from help" -f -a "raw" -d 'Any XML push, from FILE or standard input (-). Sent as is (encrypted in compat/safe mode)'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand simulate; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand decrypt" -s c -l config -d 'Config file to take the account from (the one `serve` reads)' -r -F
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand decrypt" -s s -l service -d 'Service (account) name in the config; the first service by default' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand decrypt" -l token -d 'WeChat Token (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand decrypt" -l aes-key -d 'EncodingAESKey, 43 characters (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand decrypt" -l app-id -d 'AppID (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand decrypt" -l color -d 'Colour: auto (terminal, no NO_COLOR), always or never' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t''
never\t''"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand decrypt" -l query -d 'The query string of the push (signature=…&timestamp=…&nonce=…&msg_signature=…), to verify msg_signature. A captured HTTP request carries its own' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand decrypt" -l json -d 'Print one JSON object instead of text (for scripts)'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand decrypt" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand menu-url" -s c -l config -d 'Config file to take the AppID and redirect-path from (the one `serve` reads)' -r -F
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand menu-url" -s s -l service -d 'Service (account) name in the config; the first service by default' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand menu-url" -l app-id -d 'AppID (overrides the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand menu-url" -l color -d 'Colour: auto (terminal, no NO_COLOR), always or never' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t''
never\t''"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand menu-url" -l state -d 'The state WeChat hands back to the redirect (which menu item): up to 128 of A-Z a-z 0-9 _ -' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand menu-url" -l scope -d 'base or userinfo' -r -f -a "base\t'snsapi_base: silent, openid only'
userinfo\t'snsapi_userinfo: asks the user, gives nickname and avatar'"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand menu-url" -l redirect -d 'The absolute redirect URL (default: --host plus the service\'s redirect-path)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand menu-url" -l host -d 'Public origin of the gateway, e.g. https://wx.example.com (with the config\'s redirect-path)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand menu-url" -l open-base -d 'WeChat\'s OAuth origin' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand menu-url" -l menu -d 'Turn a menu file into WeChat\'s menu JSON: buttons with a `state` become OAuth links ({"name","state","scope"?,"redirect"?}); buttons with a WeChat `type` (click, view, miniprogram, scancode_*, pic_*, location_select, media_id, article_id, …) are checked and kept; FILE is a list of buttons or {"button": […]}, - for standard input' -r -F
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand menu-url" -l json -d 'Print one JSON object instead of text (for scripts)'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand menu-url" -l qr -d 'Also draw the link as a QR code in the terminal (scan it with WeChat). Drawn light on dark unless COLORFGBG says the background is light'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand menu-url" -l qr-invert -d 'Swap the QR code\'s colours (for a light terminal that COLORFGBG does not announce)'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand menu-url" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand menu; and not __fish_seen_subcommand_from create get delete help" -s c -l config -d 'Config file (the one `serve` reads); required' -r -F
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand menu; and not __fish_seen_subcommand_from create get delete help" -s s -l service -d 'Service (account) name in the config; the first service by default' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand menu; and not __fish_seen_subcommand_from create get delete help" -l json -d 'Print one JSON object instead of text'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand menu; and not __fish_seen_subcommand_from create get delete help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand menu; and not __fish_seen_subcommand_from create get delete help" -f -a "create" -d 'Create the menu from FILE: WeChat\'s menu JSON ({"button": […]}, e.g. from `menu-url --menu`) or what `menu get` printed'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand menu; and not __fish_seen_subcommand_from create get delete help" -f -a "get" -d 'Show the menu: WeChat\'s answer, which `menu create` takes back'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand menu; and not __fish_seen_subcommand_from create get delete help" -f -a "delete" -d 'Delete the menu'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand menu; and not __fish_seen_subcommand_from create get delete help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand menu; and __fish_seen_subcommand_from create" -s c -l config -d 'Config file (the one `serve` reads); required' -r -F
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand menu; and __fish_seen_subcommand_from create" -s s -l service -d 'Service (account) name in the config; the first service by default' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand menu; and __fish_seen_subcommand_from create" -l json -d 'Print one JSON object instead of text'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand menu; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand menu; and __fish_seen_subcommand_from get" -s c -l config -d 'Config file (the one `serve` reads); required' -r -F
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand menu; and __fish_seen_subcommand_from get" -s s -l service -d 'Service (account) name in the config; the first service by default' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand menu; and __fish_seen_subcommand_from get" -l json -d 'Print one JSON object instead of text'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand menu; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand menu; and __fish_seen_subcommand_from delete" -s c -l config -d 'Config file (the one `serve` reads); required' -r -F
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand menu; and __fish_seen_subcommand_from delete" -s s -l service -d 'Service (account) name in the config; the first service by default' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand menu; and __fish_seen_subcommand_from delete" -l json -d 'Print one JSON object instead of text'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand menu; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand menu; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create the menu from FILE: WeChat\'s menu JSON ({"button": […]}, e.g. from `menu-url --menu`) or what `menu get` printed'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand menu; and __fish_seen_subcommand_from help" -f -a "get" -d 'Show the menu: WeChat\'s answer, which `menu create` takes back'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand menu; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete the menu'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand menu; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand token" -s c -l config -d 'Config file (the one `serve` reads); required' -r -F
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand token" -s s -l service -d 'Service (account) name in the config; the first service by default' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand token" -l json -d 'Print one JSON object instead of text'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand token" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and not __fish_seen_subcommand_from list show replay drop stats pause resume help" -s c -l config -d 'Config file to take spool.dir from (the one `serve` reads)' -r -F
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and not __fish_seen_subcommand_from list show replay drop stats pause resume help" -l dir -d 'The spool directory, the one holding spool.db (overrides the config\'s spool.dir; no config is read then)' -r -F
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and not __fish_seen_subcommand_from list show replay drop stats pause resume help" -l color -d 'Colour: auto (terminal, no NO_COLOR), always or never' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t''
never\t''"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and not __fish_seen_subcommand_from list show replay drop stats pause resume help" -l json -d 'Print one JSON object instead of text (for scripts)'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and not __fish_seen_subcommand_from list show replay drop stats pause resume help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and not __fish_seen_subcommand_from list show replay drop stats pause resume help" -f -a "list" -d 'List spooled pushes, oldest first: the queue, or the dead letters with --dead'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and not __fish_seen_subcommand_from list show replay drop stats pause resume help" -f -a "show" -d 'Show one push in full: its JSON body, its last 10 attempts and why it is dead'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and not __fish_seen_subcommand_from list show replay drop stats pause resume help" -f -a "replay" -d 'Put pushes back in the queue, due now: one (ID), the dead letters (--dead) or the queue (--all)'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and not __fish_seen_subcommand_from list show replay drop stats pause resume help" -f -a "drop" -d 'Delete pushes: one (ID) or dead letters (--dead). The queue is never dropped in bulk'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and not __fish_seen_subcommand_from list show replay drop stats pause resume help" -f -a "stats" -d 'Per service: pushes queued, the oldest one\'s age, dead letters, replayed pushes still waiting, overdue pushes, whether paused; and the totals'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and not __fish_seen_subcommand_from list show replay drop stats pause resume help" -f -a "pause" -d 'Pause the delivery of a service\'s pushes (for a planned backend deploy)'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and not __fish_seen_subcommand_from list show replay drop stats pause resume help" -f -a "resume" -d 'Resume the delivery of a paused service'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and not __fish_seen_subcommand_from list show replay drop stats pause resume help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and __fish_seen_subcommand_from list" -s s -l service -d 'Only this service\'s pushes' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and __fish_seen_subcommand_from list" -l limit -d 'Show at most N pushes (the oldest); the total is always told' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and __fish_seen_subcommand_from list" -s c -l config -d 'Config file to take spool.dir from (the one `serve` reads)' -r -F
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and __fish_seen_subcommand_from list" -l dir -d 'The spool directory, the one holding spool.db (overrides the config\'s spool.dir; no config is read then)' -r -F
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and __fish_seen_subcommand_from list" -l color -d 'Colour: auto (terminal, no NO_COLOR), always or never' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t''
never\t''"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and __fish_seen_subcommand_from list" -l dead -d 'The dead letters instead of the queue'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON object instead of text (for scripts)'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and __fish_seen_subcommand_from show" -s c -l config -d 'Config file to take spool.dir from (the one `serve` reads)' -r -F
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and __fish_seen_subcommand_from show" -l dir -d 'The spool directory, the one holding spool.db (overrides the config\'s spool.dir; no config is read then)' -r -F
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and __fish_seen_subcommand_from show" -l color -d 'Colour: auto (terminal, no NO_COLOR), always or never' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t''
never\t''"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and __fish_seen_subcommand_from show" -l json -d 'Print one JSON object instead of text (for scripts)'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and __fish_seen_subcommand_from replay" -s s -l service -d 'Only this service\'s pushes' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and __fish_seen_subcommand_from replay" -l since -d 'Only pushes first received at or after T: RFC 3339 (2024-05-01T12:00:00Z, 2024-05-01T20:00:00+08:00, 2024-05-01 for its midnight UTC) or a time ago (90m, 2h, 7d; units w, d, h, m, s, as --older-than)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and __fish_seen_subcommand_from replay" -l until -d 'Only pushes first received before T (as --since)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and __fish_seen_subcommand_from replay" -l kind -d 'Only pushes of this kind: a MsgType (text, image, voice, …) or, for events, the Event (subscribe, CLICK, TEMPLATESENDJOBFINISH, …); case does not matter' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and __fish_seen_subcommand_from replay" -s c -l config -d 'Config file to take spool.dir from (the one `serve` reads)' -r -F
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and __fish_seen_subcommand_from replay" -l dir -d 'The spool directory, the one holding spool.db (overrides the config\'s spool.dir; no config is read then)' -r -F
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and __fish_seen_subcommand_from replay" -l color -d 'Colour: auto (terminal, no NO_COLOR), always or never' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t''
never\t''"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and __fish_seen_subcommand_from replay" -l all -d 'Every push of the queue (with --dead: every dead letter)'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and __fish_seen_subcommand_from replay" -l dead -d 'The dead letters (narrowed by --service, --since, --until, --kind)'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and __fish_seen_subcommand_from replay" -l dry-run -d 'Print how many pushes match and change nothing'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and __fish_seen_subcommand_from replay" -l json -d 'Print one JSON object instead of text (for scripts)'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and __fish_seen_subcommand_from replay" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and __fish_seen_subcommand_from drop" -l older-than -d 'With --dead: only those first seen longer ago than AGE: 7d, 12h, 30m, 45s (w, d, h, m, s; combined as 1d12h)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and __fish_seen_subcommand_from drop" -s s -l service -d 'With --dead: only this service\'s dead letters' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and __fish_seen_subcommand_from drop" -s c -l config -d 'Config file to take spool.dir from (the one `serve` reads)' -r -F
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and __fish_seen_subcommand_from drop" -l dir -d 'The spool directory, the one holding spool.db (overrides the config\'s spool.dir; no config is read then)' -r -F
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and __fish_seen_subcommand_from drop" -l color -d 'Colour: auto (terminal, no NO_COLOR), always or never' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t''
never\t''"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and __fish_seen_subcommand_from drop" -l dead -d 'Every dead letter (narrowed by --older-than and --service)'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and __fish_seen_subcommand_from drop" -l json -d 'Print one JSON object instead of text (for scripts)'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and __fish_seen_subcommand_from drop" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and __fish_seen_subcommand_from stats" -s c -l config -d 'Config file to take spool.dir from (the one `serve` reads)' -r -F
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and __fish_seen_subcommand_from stats" -l dir -d 'The spool directory, the one holding spool.db (overrides the config\'s spool.dir; no config is read then)' -r -F
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and __fish_seen_subcommand_from stats" -l color -d 'Colour: auto (terminal, no NO_COLOR), always or never' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t''
never\t''"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and __fish_seen_subcommand_from stats" -l json -d 'Print one JSON object instead of text (for scripts)'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and __fish_seen_subcommand_from stats" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and __fish_seen_subcommand_from pause" -s s -l service -d 'The service (its name in the config); with --config, it must be one of the config\'s' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and __fish_seen_subcommand_from pause" -s c -l config -d 'Config file to take spool.dir from (the one `serve` reads)' -r -F
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and __fish_seen_subcommand_from pause" -l dir -d 'The spool directory, the one holding spool.db (overrides the config\'s spool.dir; no config is read then)' -r -F
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and __fish_seen_subcommand_from pause" -l color -d 'Colour: auto (terminal, no NO_COLOR), always or never' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t''
never\t''"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and __fish_seen_subcommand_from pause" -l json -d 'Print one JSON object instead of text (for scripts)'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and __fish_seen_subcommand_from pause" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and __fish_seen_subcommand_from resume" -s s -l service -d 'The service (its name in the config)' -r
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and __fish_seen_subcommand_from resume" -s c -l config -d 'Config file to take spool.dir from (the one `serve` reads)' -r -F
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and __fish_seen_subcommand_from resume" -l dir -d 'The spool directory, the one holding spool.db (overrides the config\'s spool.dir; no config is read then)' -r -F
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and __fish_seen_subcommand_from resume" -l color -d 'Colour: auto (terminal, no NO_COLOR), always or never' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t''
never\t''"
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and __fish_seen_subcommand_from resume" -l json -d 'Print one JSON object instead of text (for scripts)'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and __fish_seen_subcommand_from resume" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and __fish_seen_subcommand_from help" -f -a "list" -d 'List spooled pushes, oldest first: the queue, or the dead letters with --dead'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one push in full: its JSON body, its last 10 attempts and why it is dead'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and __fish_seen_subcommand_from help" -f -a "replay" -d 'Put pushes back in the queue, due now: one (ID), the dead letters (--dead) or the queue (--all)'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and __fish_seen_subcommand_from help" -f -a "drop" -d 'Delete pushes: one (ID) or dead letters (--dead). The queue is never dropped in bulk'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and __fish_seen_subcommand_from help" -f -a "stats" -d 'Per service: pushes queued, the oldest one\'s age, dead letters, replayed pushes still waiting, overdue pushes, whether paused; and the totals'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and __fish_seen_subcommand_from help" -f -a "pause" -d 'Pause the delivery of a service\'s pushes (for a planned backend deploy)'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and __fish_seen_subcommand_from help" -f -a "resume" -d 'Resume the delivery of a paused service'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand spool; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand reload" -l pid-file -d 'The pid file `serve --pid-file` wrote' -r -F
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand reload" -s c -l config -d 'Validate this config first (as `serve --check` does, unknown keys only warned about), and signal nothing when it is invalid. Give the file the gateway runs with' -r -F
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand reload" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand completions" -s h -l help -d 'Print help'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand help; and not __fish_seen_subcommand_from serve simulate decrypt menu-url menu token spool reload completions init help" -f -a "serve" -d 'Run the gateway'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand help; and not __fish_seen_subcommand_from serve simulate decrypt menu-url menu token spool reload completions init help" -f -a "simulate" -d 'Play WeChat against a running gateway'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand help; and not __fish_seen_subcommand_from serve simulate decrypt menu-url menu token spool reload completions init help" -f -a "decrypt" -d 'Decrypt a captured payload, offline'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand help; and not __fish_seen_subcommand_from serve simulate decrypt menu-url menu token spool reload completions init help" -f -a "menu-url" -d 'Build OAuth links for menu buttons'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand help; and not __fish_seen_subcommand_from serve simulate decrypt menu-url menu token spool reload completions init help" -f -a "menu" -d 'Manage an account\'s custom menu'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand help; and not __fish_seen_subcommand_from serve simulate decrypt menu-url menu token spool reload completions init help" -f -a "token" -d 'Print an account\'s access_token'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand help; and not __fish_seen_subcommand_from serve simulate decrypt menu-url menu token spool reload completions init help" -f -a "spool" -d 'Inspect and change the spool: the pushes waiting for redelivery and the dead letters; pause and resume a service\'s delivery'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand help; and not __fish_seen_subcommand_from serve simulate decrypt menu-url menu token spool reload completions init help" -f -a "reload" -d 'Make a running gateway reload its config (SIGHUP)'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand help; and not __fish_seen_subcommand_from serve simulate decrypt menu-url menu token spool reload completions init help" -f -a "completions" -d 'Print a shell completion script'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand help; and not __fish_seen_subcommand_from serve simulate decrypt menu-url menu token spool reload completions init help" -f -a "init" -d 'Write a starter config'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand help; and not __fish_seen_subcommand_from serve simulate decrypt menu-url menu token spool reload completions init help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand help; and __fish_seen_subcommand_from simulate" -f -a "verify" -d 'The GET echostr handshake of the server configuration page'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand help; and __fish_seen_subcommand_from simulate" -f -a "text" -d 'A text message'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand help; and __fish_seen_subcommand_from simulate" -f -a "image" -d 'An image message'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand help; and __fish_seen_subcommand_from simulate" -f -a "voice" -d 'A voice message'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand help; and __fish_seen_subcommand_from simulate" -f -a "video" -d 'A video message'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand help; and __fish_seen_subcommand_from simulate" -f -a "shortvideo" -d 'A short video message'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand help; and __fish_seen_subcommand_from simulate" -f -a "location" -d 'A location message'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand help; and __fish_seen_subcommand_from simulate" -f -a "link" -d 'A link message'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand help; and __fish_seen_subcommand_from simulate" -f -a "subscribe" -d 'A subscribe (follow) event'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand help; and __fish_seen_subcommand_from simulate" -f -a "unsubscribe" -d 'An unsubscribe event'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand help; and __fish_seen_subcommand_from simulate" -f -a "scan" -d 'A SCAN event (a follower scanned a parameter QR code)'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand help; and __fish_seen_subcommand_from simulate" -f -a "click" -d 'A CLICK menu event'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand help; and __fish_seen_subcommand_from simulate" -f -a "view" -d 'A VIEW menu event'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand help; and __fish_seen_subcommand_from simulate" -f -a "location-report" -d 'A LOCATION report event'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand help; and __fish_seen_subcommand_from simulate" -f -a "scancode-push" -d 'A scancode_push menu event'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand help; and __fish_seen_subcommand_from simulate" -f -a "scancode-waitmsg" -d 'A scancode_waitmsg menu event'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand help; and __fish_seen_subcommand_from simulate" -f -a "pic-sysphoto" -d 'A pic_sysphoto menu event'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand help; and __fish_seen_subcommand_from simulate" -f -a "pic-photo-or-album" -d 'A pic_photo_or_album menu event'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand help; and __fish_seen_subcommand_from simulate" -f -a "pic-weixin" -d 'A pic_weixin menu event'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand help; and __fish_seen_subcommand_from simulate" -f -a "location-select" -d 'A location_select menu event'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand help; and __fish_seen_subcommand_from simulate" -f -a "template-finish" -d 'A TEMPLATESENDJOBFINISH event'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand help; and __fish_seen_subcommand_from simulate" -f -a "mass-finish" -d 'A MASSSENDJOBFINISH event'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand help; and __fish_seen_subcommand_from simulate" -f -a "raw" -d 'Any XML push, from FILE or standard input (-). Sent as is (encrypted in compat/safe mode)'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand help; and __fish_seen_subcommand_from menu" -f -a "create" -d 'Create the menu from FILE: WeChat\'s menu JSON ({"button": […]}, e.g. from `menu-url --menu`) or what `menu get` printed'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand help; and __fish_seen_subcommand_from menu" -f -a "get" -d 'Show the menu: WeChat\'s answer, which `menu create` takes back'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand help; and __fish_seen_subcommand_from menu" -f -a "delete" -d 'Delete the menu'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand help; and __fish_seen_subcommand_from spool" -f -a "list" -d 'List spooled pushes, oldest first: the queue, or the dead letters with --dead'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand help; and __fish_seen_subcommand_from spool" -f -a "show" -d 'Show one push in full: its JSON body, its last 10 attempts and why it is dead'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand help; and __fish_seen_subcommand_from spool" -f -a "replay" -d 'Put pushes back in the queue, due now: one (ID), the dead letters (--dead) or the queue (--all)'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand help; and __fish_seen_subcommand_from spool" -f -a "drop" -d 'Delete pushes: one (ID) or dead letters (--dead). The queue is never dropped in bulk'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand help; and __fish_seen_subcommand_from spool" -f -a "stats" -d 'Per service: pushes queued, the oldest one\'s age, dead letters, replayed pushes still waiting, overdue pushes, whether paused; and the totals'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand help; and __fish_seen_subcommand_from spool" -f -a "pause" -d 'Pause the delivery of a service\'s pushes (for a planned backend deploy)'
complete -c wx-gateway -n "__fish_wx_gateway_using_subcommand help; and __fish_seen_subcommand_from spool" -f -a "resume" -d 'Resume the delivery of a paused service'
