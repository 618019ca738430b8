-- wrk script: each request takes the next path from a file (one per line),
-- each thread starting at its own offset, or POSTs one body to one path.
--   wrk -s tools/load/paths.lua URL -- PATHS_FILE
--   wrk -s tools/load/paths.lua URL -- --post PATH BODY_FILE
local paths = {}
local next_index = 1
-- With --post: the whole request, made once (it is the same every time).
local post_request

function init(args)
  if args[1] == "--post" then
    local file = assert(io.open(args[3], "rb"))
    local body = file:read("*a")
    file:close()
    post_request = wrk.format("POST", args[2], { ["Content-Type"] = "application/json" }, body)
    return
  end
  local file = assert(io.open(args[1], "r"))
  for line in file:lines() do
    paths[#paths + 1] = line
  end
  file:close()
  next_index = math.random(#paths)
end

function request()
  if post_request then
    return post_request
  end
  local path = paths[next_index]
  next_index = next_index % #paths + 1
  return wrk.format("GET", path)
end

function done(summary, latency, requests)
  io.write(string.format(
    "LOAD requests=%d duration_us=%d non2xx=%d socket_errors=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d\n",
    summary.requests, summary.duration, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
