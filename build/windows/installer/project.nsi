Unicode true

####
## Involve's Windows installer. Started from Wails v2.11.0's project.nsi, changed for a
## per-user install that needs no administrator rights:
##   - RequestExecutionLevel user; installs into %LOCALAPPDATA%\Programs\Involve;
##     Start-menu entry and (optional) desktop shortcut for the current user;
##     Add/Remove Programs entry under HKCU.
##   - The WebView2 runtime is checked and, if missing, installed with Microsoft's
##     bootstrapper (Wails' wails.webview2runtime macro); if that fails (no internet),
##     the installer says how to get it and carries on.
##   - The uninstaller keeps the user's data (%LOCALAPPDATA%\Involve) unless the box
##     "Also delete my Involve data" is ticked, or /DELETEDATA is given with /S.
##
## Do not run makensis on this file by hand: `make dist` (scripts/dist.sh) fills in
## wails_tools.nsh from wails.json and the version (go run ./build/release) in a work
## folder and runs makensis there with:
##   -DARG_WAILS_AMD64_BINARY=<the exe>  -DARG_OUTFILE=<installer>  -DARG_LICENSE=<LICENSE>
##   -DARG_VERSION_TEXT=<the full version, e.g. 0.1.0-dev+abc1234>
## Silent install: Involve-<version>-windows-amd64-setup.exe /S [/D=C:\path]  (/D last)
## Silent uninstall: "%LOCALAPPDATA%\Programs\Involve\uninstall.exe" /S [/DELETEDATA]
####
!define REQUEST_EXECUTION_LEVEL "user"
!define PRODUCT_EXECUTABLE "Involve.exe"
!define UNINST_KEY_NAME "Involve"
!define DATA_DIR_NAME "Involve" # %LOCALAPPDATA%\Involve, see app/datadir
!ifndef ARG_VERSION_TEXT
    !define ARG_VERSION_TEXT "${INFO_PRODUCTVERSION}"
!endif

!include "wails_tools.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"

# The version information for these two must consist of 4 parts
VIProductVersion "${INFO_PRODUCTVERSION}.0"
VIFileVersion    "${INFO_PRODUCTVERSION}.0"

VIAddVersionKey "CompanyName"     "${INFO_COMPANYNAME}"
VIAddVersionKey "FileDescription" "${INFO_PRODUCTNAME} Installer"
VIAddVersionKey "ProductVersion"  "${ARG_VERSION_TEXT}"
VIAddVersionKey "FileVersion"     "${ARG_VERSION_TEXT}"
VIAddVersionKey "LegalCopyright"  "${INFO_COPYRIGHT}"
VIAddVersionKey "ProductName"     "${INFO_PRODUCTNAME}"

# Enable HiDPI support. https://nsis.sourceforge.io/Reference/ManifestDPIAware
ManifestDPIAware true

!include "MUI2.nsh"

# With a code-signing certificate, make dist signs the uninstaller as makensis writes it.
!ifdef ARG_SIGN_UNINSTALLER
    !uninstfinalize '"${ARG_SIGN_UNINSTALLER}" "%1"'
!endif

!define MUI_ICON "..\icon.ico"
!define MUI_UNICON "..\icon.ico"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${PRODUCT_EXECUTABLE}"
!define MUI_FINISHPAGE_RUN_TEXT "Open ${INFO_PRODUCTNAME} now"
!define MUI_COMPONENTSPAGE_NODESC
!define MUI_UNCOMPONENTSPAGE_NODESC

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_LICENSE "${ARG_LICENSE}"
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "English"

Name "${INFO_PRODUCTNAME}"
BrandingText "${INFO_PRODUCTNAME} ${ARG_VERSION_TEXT}"
OutFile "${ARG_OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${INFO_PRODUCTNAME}"
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"
ShowInstDetails show
ShowUninstDetails show

Function .onInit
   !insertmacro wails.checkArchitecture
   SetShellVarContext current
FunctionEnd


Section "${INFO_PRODUCTNAME} (required)" SecApp
    SectionIn RO
    SetShellVarContext current

    !insertmacro wails.webview2runtime
    # Still missing (the bootstrapper needs the internet): say what to do, then go on.
    SetRegView 64
    ReadRegStr $0 HKLM "SOFTWARE\WOW6432Node\Microsoft\EdgeUpdate\Clients\{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}" "pv"
    ${If} $0 == ""
        ReadRegStr $0 HKCU "Software\Microsoft\EdgeUpdate\Clients\{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}" "pv"
    ${EndIf}
    ${If} $0 == ""
        DetailPrint "The Microsoft Edge WebView2 Runtime could not be installed."
        MessageBox MB_OK|MB_ICONEXCLAMATION "${INFO_PRODUCTNAME} needs the Microsoft Edge WebView2 Runtime, which could not be installed now (it downloads from Microsoft).$\r$\n$\r$\nConnect to the internet and run this installer again, or ask your IT team to install the WebView2 Runtime (Evergreen Standalone Installer)." /SD IDOK
    ${EndIf}

    SetOutPath $INSTDIR
    !insertmacro wails.files
    File "/oname=LICENSE.txt" "${ARG_LICENSE}"

    CreateShortcut "$SMPROGRAMS\${INFO_PRODUCTNAME}.lnk" "$INSTDIR\${PRODUCT_EXECUTABLE}"

    WriteUninstaller "$INSTDIR\uninstall.exe"
    WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${INFO_COMPANYNAME}"
    WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${INFO_PRODUCTNAME}"
    WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${ARG_VERSION_TEXT}"
    WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${PRODUCT_EXECUTABLE}"
    WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
    WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" "$\"$INSTDIR\uninstall.exe$\""
    WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" "$\"$INSTDIR\uninstall.exe$\" /S"
    WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
    WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
    ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
    IntFmt $0 "0x%08X" $0
    WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" "$0"
SectionEnd

Section "Desktop shortcut" SecDesktop
    SetShellVarContext current
    CreateShortcut "$DESKTOP\${INFO_PRODUCTNAME}.lnk" "$INSTDIR\${PRODUCT_EXECUTABLE}"
SectionEnd

Section "un.${INFO_PRODUCTNAME}" SecUnApp
    SectionIn RO
    SetShellVarContext current

    RMDir /r "$AppData\${PRODUCT_EXECUTABLE}" # the WebView2 cache (not your records)

    Delete "$INSTDIR\${PRODUCT_EXECUTABLE}"
    Delete "$INSTDIR\LICENSE.txt"
    Delete "$INSTDIR\uninstall.exe"
    RMDir "$INSTDIR"

    Delete "$SMPROGRAMS\${INFO_PRODUCTNAME}.lnk"
    Delete "$DESKTOP\${INFO_PRODUCTNAME}.lnk"

    DeleteRegKey HKCU "${UNINST_KEY}"
SectionEnd

# Off unless ticked (or /DELETEDATA): your records, backups and settings stay on the laptop.
Section /o "un.Also delete my ${INFO_PRODUCTNAME} data (records and backups in %LOCALAPPDATA%\${DATA_DIR_NAME})" SecUnData
    SetShellVarContext current
    DetailPrint "Deleting $LOCALAPPDATA\${DATA_DIR_NAME}"
    RMDir /r "$LOCALAPPDATA\${DATA_DIR_NAME}"
SectionEnd

Function un.onInit
   SetShellVarContext current
   # /DELETEDATA on the command line (for a silent uninstall) ticks "Also delete my data".
   ${GetParameters} $R0
   ClearErrors
   ${GetOptions} $R0 "/DELETEDATA" $R1
   ${IfNot} ${Errors}
       SectionSetFlags ${SecUnData} ${SF_SELECTED}
   ${EndIf}
FunctionEnd
