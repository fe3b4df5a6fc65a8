# Helpers shared by scripts/backup.sh and scripts/restore.sh. Sourced, not run.

# The service's settings: a cluster's node.env when one runs, else the environment, else run.sh's defaults.
load_service_config() {
  local state="${DOCSIGN_CLUSTER_DIR:-$ROOT/.tmp/cluster}"
  if [ -z "${ConnectionStrings__DocSign:-}" ] && [ -f "$state/node.env" ] && [ -f "$state/proxy.port" ] \
     && curl -fsS -o /dev/null "http://127.0.0.1:$(cat "$state/proxy.port")/health" 2>/dev/null; then
    set -a; source "$state/node.env"; set +a
    CLUSTER_WEB="$state/web/DocSign.Web.dll"
    log "backing up the cluster in $state"
  fi
  export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Demo}" Logging__LogLevel__Default=Warning
  if [ -z "${CLUSTER_WEB:-}" ]; then
    # scripts/run.sh's embedded set-up: its data folder and its demo key.
    export DocSign__DataDirectory="${DocSign__DataDirectory:-$ROOT/data}"
    export DocSign__SamplePkiDirectory="${DocSign__SamplePkiDirectory:-$ROOT/certs-sample}"
    export DocSign__Verification__TrustSamplePki="${DocSign__Verification__TrustSamplePki:-true}"
    # The audit chain's key lives beside the data, never in the database: a restore needs it from here.
    if [ -z "${DocSign__Audit__ChainKey:-}${DocSign__Audit__ChainKeyFile:-}" ] && [ -s "$DocSign__DataDirectory/keys/audit-chain.key" ]; then
      export DocSign__Audit__ChainKeyFile="$DocSign__DataDirectory/keys/audit-chain.key"
    fi
    if [ -z "${DocSign__DataProtection__Key:-}" ] && [ -s "$ROOT/.tmp/demo-dataprotection.key" ]; then
      export DocSign__DataProtection__Key="$(cat "$ROOT/.tmp/demo-dataprotection.key")"
    fi
  fi
}

# The service binary the host commands run in: the cluster's, run.sh's, or a fresh build.
web_binary() {
  if [ -n "${CLUSTER_WEB:-}" ] && [ -f "$CLUSTER_WEB" ]; then echo "$CLUSTER_WEB"; return; fi
  if [ ! -f "$ROOT/.tmp/web/DocSign.Web.dll" ]; then
    mkdir -p "$ROOT/.tmp"
    dotnet build src/DocSign.Web/DocSign.Web.csproj -c Release -nologo -v q -o "$ROOT/.tmp/web" >"$ROOT/.tmp/web-build.log" 2>&1 \
      || { tail -30 "$ROOT/.tmp/web-build.log" >&2; exit 1; }
  fi
  echo "$ROOT/.tmp/web/DocSign.Web.dll"
}

# libpq's variables from an Npgsql connection string (Host=..;Port=..;Username=..;Password=..;Database=..).
libpq_env() {
  eval "$(python3 - "$1" <<'PY'
import shlex, sys
m = {"host": "PGHOST", "server": "PGHOST", "port": "PGPORT", "username": "PGUSER", "user id": "PGUSER", "userid": "PGUSER",
     "password": "PGPASSWORD", "database": "PGDATABASE"}
for part in sys.argv[1].split(";"):
    if "=" not in part: continue
    k, v = part.split("=", 1)
    if k.strip().lower() in m: print(f"export {m[k.strip().lower()]}={shlex.quote(v.strip())}")
PY
)"
}

# The SQLite file named by the connection string (default data/docsign.db).
sqlite_path() {
  python3 - "${ConnectionStrings__DocSign:-Data Source=$ROOT/data/docsign.db}" <<'PY'
import sys
for part in sys.argv[1].split(";"):
    if "=" in part and part.split("=", 1)[0].strip().lower() in ("data source", "datasource", "filename"):
        print(part.split("=", 1)[1].strip()); break
PY
}
