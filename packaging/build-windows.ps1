# Builds 工单台 for Windows: the one-folder app with PyInstaller, then the installer with Inno Setup.
#
#   powershell -ExecutionPolicy Bypass -File packaging\build-windows.ps1 [-Python py] [-NoInstaller]
#
# Needs 64-bit Python 3.11 (python.org installer; "py -3.11" is tried first) and, for the installer, Inno Setup 7
# or 6 (ISCC.exe on PATH or in its default folder; 7 has the Chinese setup language built in). Like
# packaging/build.sh, the build environment is made from packaging\requirements-build.txt with every package checked
# against its hash; the app is analysed from this checkout. Results: dist\desk-app\ (the app folder) and
# dist\installer\desk-app-setup-<version>.exe.
param(
    [string]$Python = "",
    [switch]$NoInstaller
)
$ErrorActionPreference = "Stop"
$Root = Split-Path -Parent $PSScriptRoot
Set-Location $Root
$Started = Get-Date

function Invoke-Checked([string]$Exe, [string[]]$Arguments) {
    & $Exe @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Exe $($Arguments -join ' ') failed with exit code $LASTEXITCODE" }
}

if (-not $Python) {
    if (Get-Command py -ErrorAction SilentlyContinue) { $PythonArgs = @("-3.11") ; $Python = "py" }
    else { $PythonArgs = @() ; $Python = "python" }
} else { $PythonArgs = @() }
$Version = & $Python @PythonArgs -c "import sys; print('%d.%d' % sys.version_info[:2])"
if ($Version -ne "3.11") {
    throw "The lock is made for Python 3.11; this is $Version. Pass -Python C:\path\to\python.exe"
}

# The build environment, remade when the lock changes.
$Lock = "packaging\requirements-build.txt"
$Work = Join-Path $Root "build\packaging-windows"
$Venv = Join-Path $Work "venv"
$Hash = (Get-FileHash $Lock -Algorithm SHA1).Hash.Substring(0, 12).ToLower()
$Stamp = Join-Path $Venv ".lock-$Hash"
if (-not (Test-Path $Stamp)) {
    if (Test-Path $Venv) { Remove-Item -Recurse -Force $Venv }
    Invoke-Checked $Python ($PythonArgs + @("-m", "venv", $Venv))
    Invoke-Checked "$Venv\Scripts\python.exe" @("-m", "pip", "install", "-q", "--require-hashes", "--no-deps",
        "--only-binary", ":all:", "-r", $Lock)
    New-Item -ItemType File $Stamp | Out-Null
}

$Dist = Join-Path $Root "dist"
Invoke-Checked "$Venv\Scripts\python.exe" @("-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
    "--distpath", $Dist, "--workpath", (Join-Path $Work "work"), "packaging\desk_app.spec")

if (-not $NoInstaller) {
    $Iscc = (Get-Command ISCC.exe -ErrorAction SilentlyContinue).Source
    if (-not $Iscc) {
        $Iscc = foreach ($Major in 7, 6) {
            "$env:ProgramFiles\Inno Setup $Major\ISCC.exe", "${env:ProgramFiles(x86)}\Inno Setup $Major\ISCC.exe",
            "$env:LOCALAPPDATA\Programs\Inno Setup $Major\ISCC.exe"
        }
        $Iscc = $Iscc | Where-Object { Test-Path $_ } | Select-Object -First 1
    }
    if (-not $Iscc) { throw "Inno Setup (ISCC.exe) not found; install Inno Setup 7 (or 6) or pass -NoInstaller" }
    $ReadVersion = "import tomllib; print(tomllib.load(open('pyproject.toml', 'rb'))['project']['version'])"
    $AppVersion = & "$Venv\Scripts\python.exe" -c $ReadVersion
    Invoke-Checked $Iscc @("/Qp", "/DAppVersion=$AppVersion", "/DSourceDir=$Dist\desk-app",
        "/O$Dist\installer", "packaging\desk_app.iss")
}

$Seconds = [int]((Get-Date) - $Started).TotalSeconds
$Size = [int]((Get-ChildItem -Recurse "$Dist\desk-app" | Measure-Object -Sum Length).Sum / 1MB)
Write-Host "build-windows.ps1: built $Dist\desk-app in $Seconds s, $Size MiB"
