-- wrk script: each thread sends its own slice of pre-signed pushes (one per line:
-- "<path>\t<body>"), never repeating one, so every request is a distinct MsgId.
local file = os.getenv("WXG_REQUESTS")
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  local nthreads = tonumber(os.getenv("WXG_THREADS") or "2")
  requests = {}
  local n = 0
  local i = 0
  for line in io.lines(file) do
    if i % nthreads == id then
      local tab = line:find("\t", 1, true)
      local path = line:sub(1, tab - 1)
      local body = line:sub(tab + 1)
      n = n + 1
      requests[n] = wrk.format("POST", path, {["Content-Type"] = "text/xml"}, body)
    end
    i = i + 1
  end
  total = n
  idx = 0
  wrapped = 0
end

function request()
  idx = idx + 1
  if idx > total then
    idx = 1
    wrapped = wrapped + 1
  end
  return requests[idx]
end

function done(summary, latency, requests)
  for _, t in ipairs(threads) do
    if t:get("wrapped") ~= nil and t:get("wrapped") > 0 then
      io.stderr:write("warning: a thread ran out of distinct requests; raise WXG_COUNT\n")
    end
  end
end
