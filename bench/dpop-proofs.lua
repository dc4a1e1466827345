-- GET /me with the DPoP scheme, each request with a proof of its own, used once: the lines of the file named by
-- DPOP_PROOFS hold a token and a proof for it, thread i of DPOP_THREADS taking lines i, i + n, i + 2n, ... An
-- exhausted thread sends no proof at all, whose 401 fails the run rather than measure replays.
local count = 0

function setup(thread)
  thread:set("id", count)
  count = count + 1
end

function init(args)
  requests = {}
  local threads = tonumber(os.getenv("DPOP_THREADS"))
  local line_number = 0
  for line in io.lines(os.getenv("DPOP_PROOFS")) do
    if line_number % threads == id then
      local token, proof = line:match("^(%S+) (%S+)$")
      requests[#requests + 1] = { ["Authorization"] = "DPoP " .. token, ["DPoP"] = proof }
    end
    line_number = line_number + 1
  end
  next_request = 1
end

function request()
  local headers = requests[next_request] or { ["Authorization"] = requests[1]["Authorization"] }
  next_request = next_request + 1
  return wrk.format("GET", "/me", headers)
end
