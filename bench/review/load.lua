-- wrk script for the review benchmark. Arguments (after "--"): read | write, the path, the cookie,
-- the CSRF token, and this thread's pace in requests/s (0: as fast as the server answers). Writes
-- post a new comment each time; done() prints one JSON line for bench.mjs.
--
-- Pacing: wrk itself is closed-loop (each connection sends when its last answer came), which
-- measures the most a server can do but not its latency at a given load. A pace schedules sends
-- on a fixed clock shared by the thread's connections, as wrk2 does, so a slow answer delays
-- only its own connection and shows in the percentiles.
local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_nsec; } lessonloop_timespec;
int clock_gettime(int clock, lessonloop_timespec *now);
]]
local CLOCK_MONOTONIC = 1
local timespec = ffi.new("lessonloop_timespec")

local mode, path, cookie, csrf
local counter = 0
local interval_ms, next_send_ms

local function now_ms()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, timespec)
  return tonumber(timespec.tv_sec) * 1000 + tonumber(timespec.tv_nsec) / 1e6
end

local function paced()
  local now = now_ms()
  next_send_ms = (next_send_ms or now) + interval_ms
  return math.max(0, math.floor(next_send_ms - now))
end

function init(args)
  mode, path, cookie, csrf = args[1], args[2], args[3], args[4]
  local pace = tonumber(args[5] or "0")
  if pace > 0 then
    interval_ms = 1000 / pace
    delay = paced
  end
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
