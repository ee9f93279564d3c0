<#
.SYNOPSIS
  Build Ward Huddle for Windows: the PyInstaller bundle and the per-machine MSI.

.DESCRIPTION
  Run on a Windows 10/11 x64 build machine from the repository root:

      powershell -ExecutionPolicy Bypass -File installer\windows\build.ps1

  Needs: Python 3.11 x64 (the "py" launcher), and the WiX Toolset 3.14
  (candle.exe, light.exe, heat.exe on PATH, or WIX set to its folder, as the
  WiX installer does). Nothing is downloaded except Python packages from PyPI.

  Steps:
    1. a fresh virtual environment in build\win-venv (py -3.11 -m venv)
    2. pip install .[package]   (the app and PyInstaller)
    3. pyinstaller installer\ward-huddle.spec   -> dist\ward-huddle\
    4. dist\ward-huddle\huddle.exe demo + check, ward-huddle.exe --self-test
    5. heat: harvest dist\ward-huddle\_internal into the BundleInternal group
    6. candle + light: installer\windows\ward-huddle.wxs -> dist\ward-huddle-<version>.msi
       (ICE validation on; light's -sice:ICE61 only silences "same version
       upgrade" advice, which MajorUpgrade handles.)

  The result installs with:
      msiexec /i dist\ward-huddle-<version>.msi /qn WARDNAME="Ward 7"
  See docs\deploying.md for everything IT can set.

.PARAMETER SkipTests
  Skip step 4 (the smoke test of the built bundle).
#>
param(
    [switch]$SkipTests
)

$ErrorActionPreference = "Stop"
Set-StrictMode -Version Latest

function Step($text) { Write-Host "`n==== $text ====" -ForegroundColor Cyan }
function Run($exe, [string[]]$arguments) {
    & $exe @arguments
    if ($LASTEXITCODE -ne 0) { throw "$exe $($arguments -join ' ') failed with exit code $LASTEXITCODE" }
}
function WixTool($name) {
    $found = Get-Command $name -ErrorAction SilentlyContinue
    if ($found) { return $found.Source }
    if ($env:WIX) { $candidate = Join-Path $env:WIX "bin\$name"; if (Test-Path $candidate) { return $candidate } }
    throw "$name not found: install the WiX Toolset 3.14 (it sets WIX) or put its bin folder on PATH"
}

$Root = Resolve-Path (Join-Path $PSScriptRoot "..\..")
Set-Location $Root
$Version = (& py -3.11 -c "import tomllib; print(tomllib.load(open('pyproject.toml','rb'))['project']['version'])").Trim()
# MSI versions are numeric major.minor.build: drop any pre-release suffix.
$MsiVersion = (($Version -split '\.')[0..2] | ForEach-Object { ($_ -replace '^(\d+).*$', '$1') }) -join '.'
Write-Host "Ward Huddle $Version (MSI $MsiVersion)"

Step "1. Virtual environment (build\win-venv)"
if (-not (Test-Path build\win-venv\Scripts\python.exe)) { Run py @("-3.11", "-m", "venv", "build\win-venv") }
$Py = Resolve-Path build\win-venv\Scripts\python.exe

Step "2. Install the app and PyInstaller"
Run $Py @("-m", "pip", "install", "--quiet", "--upgrade", "pip")
Run $Py @("-m", "pip", "install", "--quiet", ".[package]")

Step "3. PyInstaller bundle (dist\ward-huddle)"
Run $Py @("-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
          "--distpath", "dist", "--workpath", "build\pyinstaller", "installer\ward-huddle.spec")
Run $Py @("installer\check_bundle.py", "dist\ward-huddle")

if (-not $SkipTests) {
    Step "4. Smoke test the bundle"
    $Db = Join-Path $env:TEMP "ward-huddle-build-check.db"
    Remove-Item $Db -ErrorAction SilentlyContinue
    Run dist\ward-huddle\huddle.exe @("demo", "--db", $Db, "--weeks", "4")
    Run dist\ward-huddle\huddle.exe @("check", "--db", $Db)
    # ward-huddle.exe is a windowed program: wait for it to get its exit code.
    $env:QT_QPA_PLATFORM = "offscreen"
    $selfTest = Start-Process -FilePath dist\ward-huddle\ward-huddle.exe -ArgumentList "--self-test" -Wait -PassThru -NoNewWindow
    Remove-Item Env:\QT_QPA_PLATFORM
    if ($selfTest.ExitCode -ne 0) { throw "ward-huddle.exe --self-test failed ($($selfTest.ExitCode))" }
}

Step "5. Harvest _internal (heat)"
$Heat = WixTool "heat.exe"; $Candle = WixTool "candle.exe"; $Light = WixTool "light.exe"
New-Item -ItemType Directory -Force build\msi | Out-Null
Run $Heat @("dir", "dist\ward-huddle\_internal", "-nologo", "-cg", "BundleInternal", "-dr", "INTERNALDIR",
            "-srd", "-ag", "-sfrag", "-sreg", "-scom", "-var", "var.InternalDir",
            "-out", "build\msi\bundle-internal.wxs")

Step "6. Compile and link the MSI (candle, light)"
$Defines = @("-dVersion=$MsiVersion", "-dBundleDir=dist\ward-huddle", "-dInternalDir=dist\ward-huddle\_internal",
             "-dIconFile=resources\icons\app\ward-huddle.ico", "-arch", "x64")
Run $Candle (@("-nologo", "-out", "build\msi\", "installer\windows\ward-huddle.wxs", "build\msi\bundle-internal.wxs") + $Defines)
$Msi = "dist\ward-huddle-$Version.msi"
Run $Light @("-nologo", "-sice:ICE61", "-out", $Msi, "build\msi\ward-huddle.wixobj", "build\msi\bundle-internal.wixobj")

Write-Host "`nBuilt $Msi" -ForegroundColor Green
Write-Host "Install silently: msiexec /i $Msi /qn WARDNAME=""Ward 7"" /l*v install.log"
