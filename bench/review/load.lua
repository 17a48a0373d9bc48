-- wrk script for the review benchmark. Arguments (after "--"): read | write, the path, the cookie,
-- the CSRF token. Writes post a new comment each time; done() prints one JSON line for bench.mjs.
local mode, path, cookie, csrf
local counter = 0

function init(args)
  mode, path, cookie, csrf = args[1], args[2], args[3], args[4]
  wrk.headers["Cookie"] = cookie
  wrk.headers["X-CSRF-Token"] = csrf
  wrk.path = path
  if mode == "write" then
    wrk.method = "POST"
    wrk.headers["Content-Type"] = "application/json"
    -- Only writes need a request function: reads send one pre-built request, the cheapest for wrk.
    request = comment
  end
end

function comment()
  counter = counter + 1
  local body = string.format('{"startMs":%d,"body":"Benchmark comment %d: wait time after the question."}',
    (counter * 977) % 3000000, counter)
  return wrk.format(nil, path, nil, body)
end

function done(summary, latency, requests)
  io.write(string.format(
    'WRK {"requests":%d,"seconds":%.3f,"p50Ms":%.3f,"p99Ms":%.3f,"maxMs":%.3f,"badStatus":%d,"socketErrors":%d}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1e3, latency:percentile(99) / 1e3,
    latency.max / 1e3, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
