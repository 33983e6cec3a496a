-- wrk script for bench/access.sh: POST /api/access/check with a random card of
-- the generated population at one venue gate (allow and deny both occur).
local token = os.getenv("PODIUM_BENCH_TOKEN") or ""
local cards = tonumber(os.getenv("PODIUM_BENCH_CARDS") or "70000")
local venue = os.getenv("PODIUM_BENCH_VENUE") or "NIS"
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. token

request = function()
    local body = string.format('{"card":"%d","venue":"%s","zone":"2","day":"2022-02-10"}',
                               math.random(1, cards), venue)
    return wrk.format(nil, nil, nil, body)
end

local statuses = {}
response = function(status, headers, body)
    statuses[status] = (statuses[status] or 0) + 1
end

done = function(summary, latency, requests)
    io.write(string.format("requests/s %.0f, latency p50 %.2f ms, p99 %.2f ms, errors %d\n",
                           summary.requests / (summary.duration / 1e6),
                           latency:percentile(50) / 1000, latency:percentile(99) / 1000,
                           summary.errors.status + summary.errors.connect +
                           summary.errors.read + summary.errors.write + summary.errors.timeout))
end
