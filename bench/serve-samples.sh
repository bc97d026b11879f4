# Sourced by the bench scripts: a Release build of hexapla serving the bundled samples from a fresh data folder.
#   serve_samples BASE LOG   builds, starts the server on BASE (http://127.0.0.1:PORT), logs to LOG, waits for it;
#                            sets $server (its pid) and $data (its data folder)
#   stop_samples             stops it and removes the data folder (call it from the caller's EXIT trap)

serve_samples() {
    local base="$1" log="$2"
    echo "Building Hexapla (Release)" >&2
    dotnet build src/Hexapla -c Release -v quiet -nologo >&2
    data="$(mktemp -d)"
    dotnet src/Hexapla/bin/Release/net10.0/hexapla.dll serve --data "$data" --urls "$base" >"$log" 2>&1 &
    server=$!
    for _ in $(seq 1 100); do
        curl -fs -o /dev/null "$base/en-gb/" && return 0
        sleep 0.2
    done
    echo "The server did not start:" >&2
    cat "$log" >&2
    return 1
}

stop_samples() {
    [[ -n "${server:-}" ]] && { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; }
    [[ -n "${data:-}" ]] && rm -rf "$data"
    return 0
}
