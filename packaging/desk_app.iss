; Inno Setup script: the Windows installer of 工单台 from the PyInstaller folder dist\desk-app\.
; Built by packaging\build-windows.ps1 (ISCC /DAppVersion=... /DSourceDir=... packaging\desk_app.iss).
; Installs for all users under Program Files with a Start-menu entry (the app's icon, no console window), an
; optional desktop icon, and an uninstaller (Settings > Apps, and the Start-menu folder). The user's data (the
; database in %LOCALAPPDATA%\DeskApp\desk-app, the settings) is not touched by the uninstaller.
; The file is UTF-8 with a byte-order mark, as Inno Setup wants for the Chinese names.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\dist\desk-app"
#endif
#define AppName "工单台"
#define AppExe "desk-app-gui.exe"

[Setup]
AppId={{6F0C2D4B-8E1A-4B57-9C3E-2A7D5F1B9E40}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=DeskApp
DefaultDirName={autopf}\DeskApp\{#AppName}
DefaultGroupName={#AppName}
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
SetupIconFile=desk_app.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
OutputBaseFilename=desk-app-setup-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Offer the language of Windows when there is a Chinese one, else English.
ShowLanguageDialog=auto

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
; Simplified Chinese ships with Inno Setup 7; with Inno Setup 6 it is an extra download (the "unofficial"
; translations): put ChineseSimplified.isl into Inno Setup's Languages folder, or the installer is English only.
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "zh_CN"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; IconFilename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; IconFilename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; The .pyc caches Python may write beside the modules at run time.
Type: filesandordirs; Name: "{app}\_internal\__pycache__"
