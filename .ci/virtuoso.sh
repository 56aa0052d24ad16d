# Sourced by .ci/run: a real SPARQL server for the shared-store tests (issue 13).
# Virtuoso Open Source 7 from Debian's packages, a fresh database in a temp dir, on loopback only,
# stopped (by its own pid) when .ci/run exits. Sets the ADVIESWIJZER_TEST_* variables tests/test_opslag.py reads.

start_virtuoso() {
    if ! command -v virtuoso-t >/dev/null 2>&1; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq virtuoso-opensource >/dev/null
    fi
    local map sql http
    map="$(mktemp -d)"
    read -r sql http < <(python3 -c '
import socket
socks = [socket.socket() for _ in range(2)]
for s in socks:
    s.bind(("127.0.0.1", 0))
print(*(s.getsockname()[1] for s in socks))')
    cat > "$map/virtuoso.ini" <<INI
[Database]
DatabaseFile       = $map/virtuoso.db
ErrorLogFile       = $map/virtuoso.log
LockFile           = $map/virtuoso.lck
TransactionFile    = $map/virtuoso.trx
xa_persistent_file = $map/virtuoso.pxa
[TempDatabase]
DatabaseFile       = $map/virtuoso-temp.db
TransactionFile    = $map/virtuoso-temp.trx
[Parameters]
ServerPort         = 127.0.0.1:$sql
DisableUnixSocket  = 1
NumberOfBuffers    = 10000
MaxDirtyBuffers    = 6000
DirsAllowed        = ., $map
[HTTPServer]
ServerPort         = 127.0.0.1:$http
ServerRoot         = $map
ServerThreads      = 10
Charset            = UTF-8
[SPARQL]
ResultSetMaxRows   = 100000
MaxQueryExecutionTime = 60
INI
    virtuoso-t +foreground +configfile "$map/virtuoso.ini" > "$map/stdout.log" 2>&1 &
    VIRTUOSO_PID=$!
    trap 'kill "$VIRTUOSO_PID" 2>/dev/null; wait "$VIRTUOSO_PID" 2>/dev/null' EXIT
    export ADVIESWIJZER_TEST_SPARQL="http://127.0.0.1:$http/sparql"
    export ADVIESWIJZER_TEST_GRAPHSTORE="http://127.0.0.1:$http/sparql-graph-crud-auth"
    # a fresh Virtuoso database has the administrator dba/dba; nothing but this machine can reach it
    export ADVIESWIJZER_TEST_GEBRUIKER=dba ADVIESWIJZER_TEST_WACHTWOORD=dba
    for _ in $(seq 120); do
        if python3 -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1] + '?query=ASK%7B%7D', timeout=2)" \
            "$ADVIESWIJZER_TEST_SPARQL" 2>/dev/null; then
            echo "Virtuoso (pid $VIRTUOSO_PID) luistert op $ADVIESWIJZER_TEST_SPARQL"
            return 0
        fi
        if ! kill -0 "$VIRTUOSO_PID" 2>/dev/null; then break; fi
        sleep 1
    done
    echo "Virtuoso start niet; log:" >&2
    tail -20 "$map/virtuoso.log" "$map/stdout.log" >&2 || true
    return 1
}
