-- wrk script for the delivery benchmark. Arguments (after "--"): a file of request paths (one
-- segment a line) and the viewer's session cookie. Each connection is one viewer walking the
-- segments from its own starting point; done() prints one JSON line for bench.mjs.
local paths = {}
local cookie
local next_index
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end

function init(args)
  for line in io.lines(args[1]) do
    paths[#paths + 1] = line
  end
  cookie = args[2]
  -- Threads start at different places, so viewers are not all on the same segment.
  next_index = (thread_number * 7919) % #paths
end

function request()
  next_index = next_index % #paths + 1
  return wrk.format("GET", paths[next_index], { ["Cookie"] = cookie })
end

function done(summary, latency, requests)
  io.write(string.format(
    'WRK {"requests":%d,"bytes":%d,"seconds":%.3f,"p50Ms":%.3f,"p99Ms":%.3f,"badStatus":%d,"socketErrors":%d}\n',
    summary.requests, summary.bytes, summary.duration / 1e6, latency:percentile(50) / 1e3,
    latency:percentile(99) / 1e3, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
