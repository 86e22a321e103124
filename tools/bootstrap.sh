# Shared by run-app and run-tests: install missing Debian packages and keep a virtual environment in .venv.

ensure_debian_packages() {
    command -v dpkg-query >/dev/null 2>&1 || return 0   # not Debian/Ubuntu: the README says what to install
    local missing=()
    for package in "$@"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "Installing system packages: ${missing[*]}" >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

ensure_venv() {
    local target="$1"
    local python="${PYTHON:-python3}"
    if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
        echo "desk-app needs Python 3.11 or newer; set PYTHON=/path/to/python3.11" >&2
        exit 1
    fi
    [ -x .venv/bin/python ] || "$python" -m venv .venv
    # Reinstall only when the project's requirements changed since the last install.
    local stamp=.venv/.installed-$(sha1sum pyproject.toml | cut -c1-12)-${target//[^a-z]/_}
    if [ ! -f "$stamp" ]; then
        .venv/bin/python -m pip install -q --upgrade pip >/dev/null
        # PySide6-Pdf came with the 6.12 binding; 6.11.3's Addons carry QtPdf themselves (issue 11): a .venv made
        # before keeps the 6.12 package otherwise, beside the Addons' own QtPdf.
        .venv/bin/python -m pip uninstall -q -y PySide6-Pdf >/dev/null 2>&1 || true
        .venv/bin/python -m pip install -q -e "$target"
        touch "$stamp"
    fi
}
