<#
A simulated Windows machine for running generated scripts on Linux.

Every Windows command a generated script may call is a function here, named like
the cmdlet, with documented parameter names (test/pwsh checks them against
cmdlets.json). State lives in a hashtable loaded from a JSON file and written back
by Save-HvnSim, which the scenario runner calls after every run and step (writing
after every call made runs several times slower).

The simulator is strict where a real machine would make a script go wrong:
duplicate VM names, Set-VMProcessor on a VM that is not Off, a second NetNat on
WS2016, "already exists" from New-NetIPAddress, the Hyper-V role active only after
a restart, wildcard matching of -Name and -Path. Every call to a mutating command is
recorded (even under -WhatIf, since the conventions forbid calling one at all), and
a fault can be injected at the Nth mutating call.
#>
# Version 1: state hashtables from JSON may lack optional keys, read as $null.
Set-StrictMode -Version 1.0

$script:State = $null
$script:StatePath = $null

function Initialize-HvnSim {
    param([Parameter(Mandatory = $true)][string]$StatePath)
    $script:StatePath = $StatePath
    $script:State = [System.IO.File]::ReadAllText($StatePath) | ConvertFrom-Json -AsHashtable
    $defaults = @{
        vms = @(); switches = @(); netAdapters = @(); ipAddresses = @(); routes = @(); dnsServers = @{}
        netNats = @(); files = @(); directories = @(); calls = @(); mutations = 0; faultAt = 0
        restartRequested = $false; nextId = 1; warnings = @()
    }
    foreach ($k in $defaults.Keys) { if (-not $script:State.ContainsKey($k)) { $script:State[$k] = $defaults[$k] } }
    foreach ($k in 'vms', 'switches', 'netAdapters', 'ipAddresses', 'routes', 'netNats', 'files', 'directories', 'calls', 'warnings') {
        $script:State[$k] = [System.Collections.ArrayList]@($script:State[$k])
    }
}

function Save-HvnSim {
    [System.IO.File]::WriteAllText($script:StatePath, (ConvertTo-Json -InputObject $script:State -Depth 12))
}

function Get-HvnSimState { $script:State }

# What a restart does: a pending role install becomes active, and with it the
# hypervisor (so the CPU flags read False from then on, as on a real host). VMs keep
# their state: Hyper-V's automatic stop and start actions bring running VMs back.
function Invoke-HvnSimRestart {
    $m = $script:State.machine
    if ($m.role -in 'InstallPending') {
        $m.role = 'Installed'
        $m.hypervisorPresent = $true
    }
    $script:State.restartRequested = $false
    $script:State.restarts = 1 + $(if ($script:State.ContainsKey('restarts')) { $script:State.restarts } else { 0 })
    Save-HvnSim
}

# --- helpers -------------------------------------------------------------------

# Errors follow the caller's -ErrorAction or $ErrorActionPreference, as a compiled
# cmdlet does (a script module does not see the caller's preference by itself).
function SimError($Cmdlet, [string]$Message, [string]$Id = 'HvnSim') {
    $bound = $Cmdlet.MyInvocation.BoundParameters
    $action = if ($bound.ContainsKey('ErrorAction')) { [string]$bound['ErrorAction'] } else { [string]$Cmdlet.SessionState.PSVariable.GetValue('ErrorActionPreference') }
    $record = [System.Management.Automation.ErrorRecord]::new([System.InvalidOperationException]::new($Message), $Id, 'InvalidOperation', $null)
    if ($action -eq 'Stop') { $Cmdlet.ThrowTerminatingError($record) }
    if ($action -notin 'SilentlyContinue', 'Ignore') { $Cmdlet.WriteError($record) }
}

function SimPlain($Value) {
    if ($null -eq $Value) { return $null }
    if ($Value -is [System.Management.Automation.SwitchParameter]) { return [bool]$Value }
    if ($Value -is [string] -or $Value -is [bool] -or $Value -is [int] -or $Value -is [long] -or $Value -is [uint64] -or $Value -is [double]) { return $Value }
    if ($Value -is [System.Version]) { return $Value.ToString() }
    if ($Value -is [System.Collections.IEnumerable] -and $Value -isnot [System.Collections.IDictionary]) { return @($Value | ForEach-Object { SimPlain $_ }) }
    if ($Value -is [psobject] -and $Value.PSObject.Properties['Name']) {
        # An adapter or drive names its VM too, so a test can tell which VM a call touched.
        $owner = if ($Value.PSObject.Properties['VMName'] -and $Value.VMName -ne $Value.Name) { "$($Value.VMName)/" } else { '' }
        return "<$($Value.PSObject.TypeNames[0])> $owner$($Value.Name)"
    }
    [string]$Value
}

# Records a mutating call, fails it when it is the injected fault, and otherwise
# applies $Change. Returns $true when the change ran.
function SimMutate($Cmdlet, [string]$Command, [scriptblock]$Change) {
    $__sim = $script:State
    $__sim.mutations++
    $__params = [ordered]@{}
    foreach ($__k in $Cmdlet.MyInvocation.BoundParameters.Keys) { $__params[$__k] = SimPlain $Cmdlet.MyInvocation.BoundParameters[$__k] }
    $__call = [ordered]@{ n = $__sim.mutations; command = $Command; parameters = $__params; ok = $true }
    [void]$__sim.calls.Add($__call)
    if ($__sim.faultAt -gt 0 -and $__sim.mutations -eq $__sim.faultAt) {
        $__call.ok = $false
        SimError $Cmdlet "HvnSim: injected fault at mutating call $($__sim.mutations) ($Command)" 'HvnSimFault'
        return $false
    }
    $__result = & $Change
    if ($__result -is [string]) {
        $__call.ok = $false
        SimError $Cmdlet $__result
        return $false
    }
    $true
}

# Name parameters of the Get- cmdlets are wildcard patterns: '[' or '`' in a name
# make a lookup by that name miss, or fail as an invalid pattern, as on Windows.
function SimMatch([string]$Pattern, [string]$Text) {
    try { [System.Management.Automation.WildcardPattern]::new($Pattern, 'IgnoreCase').IsMatch($Text) }
    catch { throw $_.Exception.InnerException }
}

function SimRequireRole($Cmdlet) {
    if ($script:State.machine.role -ne 'Installed') {
        $record = [System.Management.Automation.ErrorRecord]::new(
            [System.Management.Automation.CommandNotFoundException]::new("HvnSim: '$($Cmdlet.MyInvocation.MyCommand.Name)' is not available: the Hyper-V role is not active on this machine (role state: $($script:State.machine.role))"),
            'CommandNotFoundException', 'ObjectNotFound', $null)
        $Cmdlet.ThrowTerminatingError($record)
    }
}

function SimVmObject($x) {
    [pscustomobject]@{
        PSTypeName = 'HvnSim.VirtualMachine'; Name = $x.name; VMName = $x.name; Id = $x.id; VMId = $x.id
        State = $x.state; Generation = $x.generation; Version = $x.version
        MemoryStartup = $x.memoryStartupBytes; DynamicMemoryEnabled = $x.dynamicMemory
        ProcessorCount = $x.processorCount; Path = $x.path; ConfigurationLocation = $x.path
        AutomaticStopAction = $x.automaticStopAction; AutomaticStartAction = $x.automaticStartAction
        CheckpointType = $x.checkpointType; Notes = $x.notes
    }
}

# Resolves -VMName (wildcards, every match: Hyper-V acts on all VMs of a name)
# or -VM objects to state entries.
function SimVms($Cmdlet, $VMName, $VM) {
    SimRequireRole $Cmdlet
    $found = @()
    if ($null -ne $VM) {
        foreach ($o in $VM) {
            $id = if ($o.PSObject.Properties['VMId']) { $o.VMId } else { $o.Id }
            $found += @($script:State.vms | Where-Object { $_.id -eq $id })
        }
        return , $found
    }
    foreach ($n in $VMName) {
        $m = @($script:State.vms | Where-Object { SimMatch $n $_.name })
        if ($m.Count -eq 0 -and -not [System.Management.Automation.WildcardPattern]::ContainsWildcardCharacters($n)) {
            SimError $Cmdlet "Hyper-V was unable to find a virtual machine with name `"$n`"." 'InvalidParameter'
        }
        $found += $m
    }
    , $found
}

function SimAdapterObject($x, $a) {
    [pscustomobject]@{
        PSTypeName = 'HvnSim.VMNetworkAdapter'; Name = $a.name; VMName = $x.name; VMId = $x.id
        SwitchName = $a.switchName; MacAddressSpoofing = $a.macAddressSpoofing; DeviceNaming = $a.deviceNaming
        IsManagementOs = $false; Connected = [bool]$a.switchName
    }
}

function SimNetAdapterObject($a) {
    [pscustomobject]@{
        PSTypeName = 'HvnSim.NetAdapter'; Name = $a.name; InterfaceAlias = $a.name; ifAlias = $a.name
        InterfaceIndex = $a.interfaceIndex; ifIndex = $a.interfaceIndex
        InterfaceDescription = $a.interfaceDescription; Status = $a.status; MacAddress = $a.macAddress
    }
}

function SimNewNetAdapter([string]$Name, [string]$Description) {
    $s = $script:State
    $index = 2 + $s.netAdapters.Count + 10 * $s.nextId
    $s.nextId++
    [void]$s.netAdapters.Add(@{ name = $Name; interfaceIndex = $index; interfaceDescription = $Description; status = 'Up'; hyperVName = $null; macAddress = ('00-15-5D-00-00-{0:X2}' -f ($index % 256)) })
}

function SimAdapterByAlias($Cmdlet, [string]$Alias) {
    $a = @($script:State.netAdapters | Where-Object { $_.name -eq $Alias })
    if ($a.Count -eq 0) { return $null }
    $a[0]
}

# --- CIM and OS ----------------------------------------------------------------

function Get-CimInstance {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string]$ClassName, [string]$Namespace, [string]$Filter, [string[]]$Property, [string]$Query)
    $m = $script:State.machine
    switch ($ClassName) {
        'Win32_OperatingSystem' {
            [pscustomobject]@{ BuildNumber = [string]$m.os.BuildNumber; Caption = $m.os.Caption; ProductType = [uint32]$m.os.ProductType; OperatingSystemSKU = [uint32]$m.os.OperatingSystemSKU; Version = "10.0.$($m.os.BuildNumber)"; TotalVisibleMemorySize = [uint64]$m.memoryMB * 1024 }
        }
        'Win32_Processor' {
            $flags = -not $m.hypervisorPresent
            [pscustomobject]@{
                Manufacturer = $m.cpu.Manufacturer; Name = "$($m.cpu.Manufacturer) simulated CPU"
                VirtualizationFirmwareEnabled = $flags -and $m.cpu.VirtualizationFirmwareEnabled
                SecondLevelAddressTranslationExtensions = $flags -and $m.cpu.SecondLevelAddressTranslationExtensions
                VMMonitorModeExtensions = $flags -and $m.cpu.VMMonitorModeExtensions
                NumberOfLogicalProcessors = [uint32]$m.cpus; NumberOfCores = [uint32]$m.cpus
            }
        }
        'Win32_ComputerSystem' {
            [pscustomobject]@{ HypervisorPresent = [bool]$m.hypervisorPresent; TotalPhysicalMemory = [uint64]$m.memoryMB * 1MB; NumberOfLogicalProcessors = [uint32]$m.cpus; Name = $m.name; Model = 'Virtual Machine' }
        }
        'Win32_DeviceGuard' {
            if ($Namespace -ne 'root\Microsoft\Windows\DeviceGuard') { SimError $PSCmdlet "Invalid class `"$ClassName`" in namespace `"$Namespace`"" 'HRESULT 0x80041010'; return }
            [pscustomobject]@{ VirtualizationBasedSecurityStatus = [uint32]$m.vbsStatus; SecurityServicesRunning = @() }
        }
        default { SimError $PSCmdlet "HvnSim: class '$ClassName' is not simulated" 'HRESULT 0x80041010' }
    }
}

function Get-ComputerInfo {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string[]]$Property)
    $m = $script:State.machine
    [pscustomobject]@{ OsBuildNumber = [string]$m.os.BuildNumber; OsName = $m.os.Caption; OsProductType = $m.os.ProductType; HyperVisorPresent = [bool]$m.hypervisorPresent }
}

function SimIsServer { [int]$script:State.machine.os.ProductType -ne 1 }

function Get-WindowsFeature {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string[]]$Name, [string]$Vhd, [string]$LogPath)
    if (-not (SimIsServer)) {
        $PSCmdlet.ThrowTerminatingError([System.Management.Automation.ErrorRecord]::new(
                [System.Management.Automation.CommandNotFoundException]::new("HvnSim: Get-WindowsFeature exists only on Windows Server"), 'CommandNotFoundException', 'ObjectNotFound', $null))
    }
    foreach ($n in $Name) {
        if ($n -ne 'Hyper-V') { continue }
        $st = $script:State.machine.role
        [pscustomobject]@{ Name = 'Hyper-V'; DisplayName = 'Hyper-V'; InstallState = $st; Installed = ($st -eq 'Installed') }
    }
}

function Install-WindowsFeature {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([Parameter(Position = 0)][string[]]$Name, [switch]$Restart, [switch]$IncludeAllSubFeature, [switch]$IncludeManagementTools, [string[]]$Source, [string]$LogPath, [string]$Vhd)
    if (-not (SimIsServer)) {
        $PSCmdlet.ThrowTerminatingError([System.Management.Automation.ErrorRecord]::new(
                [System.Management.Automation.CommandNotFoundException]::new("HvnSim: Install-WindowsFeature exists only on Windows Server"), 'CommandNotFoundException', 'ObjectNotFound', $null))
    }
    $m = $script:State.machine
    $out = @{ restartNeeded = 'No' }
    $ok = SimMutate $PSCmdlet 'Install-WindowsFeature' {
        if ($Name -notcontains 'Hyper-V') { return "HvnSim: only the Hyper-V feature is simulated" }
        if (-not $m.virtualizationAvailable) { return 'Hyper-V cannot be installed: the processor does not have required virtualization capabilities.' }
        if ($m.role -eq 'Available') { $m.role = 'InstallPending' }
        if ($m.role -eq 'InstallPending') { $out.restartNeeded = 'Yes' }
        if ($Restart -and $m.role -eq 'InstallPending') { $script:State.restartRequested = $true }
    }
    if ($ok) { [pscustomobject]@{ Success = $true; RestartNeeded = $out.restartNeeded; ExitCode = $(if ($out.restartNeeded -eq 'Yes') { 'SuccessRestartRequired' } else { 'NoChangeNeeded' }); FeatureResult = @() } }
}

function SimClientRoleState {
    switch ($script:State.machine.role) { 'Installed' { 'Enabled' } 'InstallPending' { 'EnablePending' } default { 'Disabled' } }
}

function Get-WindowsOptionalFeature {
    [CmdletBinding()]
    param([switch]$Online, [string]$FeatureName, [string]$PackageName, [string]$Path, [string]$LogPath)
    $m = $script:State.machine
    if ($m.edition -eq 'home' -and $FeatureName -like 'Microsoft-Hyper-V*') { SimError $PSCmdlet "Feature name $FeatureName is unknown."; return }
    if ($FeatureName -notin 'Microsoft-Hyper-V', 'Microsoft-Hyper-V-All') { SimError $PSCmdlet "HvnSim: feature '$FeatureName' is not simulated"; return }
    [pscustomobject]@{ FeatureName = $FeatureName; State = (SimClientRoleState); RestartNeeded = ($m.role -eq 'InstallPending') }
}

function Enable-WindowsOptionalFeature {
    [CmdletBinding()]
    param([string[]]$FeatureName, [string]$PackageName, [switch]$All, [switch]$LimitAccess, [string[]]$Source, [switch]$NoRestart, [switch]$Online, [string]$LogPath, [string]$Path)
    $m = $script:State.machine
    $ok = SimMutate $PSCmdlet 'Enable-WindowsOptionalFeature' {
        if ($m.edition -eq 'home') { return "Feature name $($FeatureName -join ',') is unknown." }
        if (-not $Online) { return 'HvnSim: only -Online is simulated' }
        if (-not $m.virtualizationAvailable) { return 'Hyper-V cannot be installed: the processor does not have required virtualization capabilities.' }
        if ($m.role -eq 'Available') { $m.role = 'InstallPending' }
        if (-not $NoRestart -and $m.role -eq 'InstallPending') { $script:State.restartRequested = $true }
    }
    if ($ok) { [pscustomobject]@{ Online = $true; RestartNeeded = ($m.role -eq 'InstallPending') } }
}

function Restart-Computer {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([switch]$Force, [switch]$Wait, [int]$Timeout, [int16]$Delay)
    [void](SimMutate $PSCmdlet 'Restart-Computer' { $script:State.restartRequested = $true })
}

function Stop-Computer {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([switch]$Force)
    [void](SimMutate $PSCmdlet 'Stop-Computer' { 'HvnSim: a generated script must never shut the machine down' })
}

function Start-Sleep {
    [CmdletBinding()]
    param([Parameter(Position = 0)][int]$Seconds, [int]$Milliseconds)
}

# --- Hyper-V host ----------------------------------------------------------------

function Get-VMHost {
    [CmdletBinding()]
    param()
    SimRequireRole $PSCmdlet
    $m = $script:State.machine
    [pscustomobject]@{ Name = $m.name; LogicalProcessorCount = $m.cpus; MemoryCapacity = [int64]$m.memoryMB * 1MB; VirtualMachinePath = $m.vmPath; VirtualHardDiskPath = $m.vhdPath }
}

function Set-VMHost {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([string]$VirtualHardDiskPath, [string]$VirtualMachinePath)
    SimRequireRole $PSCmdlet
    $m = $script:State.machine
    [void](SimMutate $PSCmdlet 'Set-VMHost' {
            if ($VirtualHardDiskPath) { $m.vhdPath = $VirtualHardDiskPath }
            if ($VirtualMachinePath) { $m.vmPath = $VirtualMachinePath }
        })
}

function Get-VMHostSupportedVersion {
    [CmdletBinding()]
    param([switch]$Default)
    SimRequireRole $PSCmdlet
    $m = $script:State.machine
    foreach ($v in $m.supportedVersions) {
        $isDefault = $v -eq $m.defaultVersion
        if ($Default -and -not $isDefault) { continue }
        [pscustomobject]@{ Name = "Microsoft Windows (simulated) $v"; Version = [version]$v; IsDefault = $isDefault }
    }
}

# --- VMs ----------------------------------------------------------------------------

function Get-VM {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string[]]$Name, [guid]$Id)
    SimRequireRole $PSCmdlet
    if ($PSBoundParameters.ContainsKey('Id')) { $script:State.vms | Where-Object { $_.id -eq [string]$Id } | ForEach-Object { SimVmObject $_ }; return }
    if (-not $PSBoundParameters.ContainsKey('Name')) { $script:State.vms | ForEach-Object { SimVmObject $_ }; return }
    foreach ($x in (SimVms $PSCmdlet $Name $null)) { SimVmObject $x }
}

function New-VM {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [Parameter(Position = 0)][string]$Name, [Parameter(Position = 1)][int64]$MemoryStartupBytes = 1GB,
        [Parameter(Position = 2)][int16]$Generation = 1, [string]$BootDevice, [switch]$NoVHD, [string]$SwitchName,
        [string]$Path, [version]$Version, [switch]$Prerelease, [switch]$Experimental, [switch]$Force,
        [string]$NewVHDPath, [uint64]$NewVHDSizeBytes, [string]$VHDPath
    )
    SimRequireRole $PSCmdlet
    $s = $script:State
    $m = $s.machine
    $out = @{}
    $ok = SimMutate $PSCmdlet 'New-VM' {
        $v = if ($Version) { $Version.ToString() } else { $m.defaultVersion }
        if ($m.supportedVersions -notcontains $v) { return "HvnSim: New-VM: version $v is not supported by this host (supported: $($m.supportedVersions -join ', '))" }
        if ($Generation -notin 1, 2) { return "HvnSim: New-VM: generation $Generation is not valid" }
        if ($SwitchName -and -not @($s.switches | Where-Object { $_.name -eq $SwitchName })) { return "Hyper-V was unable to find a virtual switch with name `"$SwitchName`"." }
        if ($VHDPath -and $s.files -notcontains $VHDPath) { return "HvnSim: New-VM: the file '$VHDPath' does not exist" }
        if ($NewVHDPath -and $s.files -contains $NewVHDPath) { return "HvnSim: New-VM: the file '$NewVHDPath' already exists" }
        $id = '00000000-0000-4000-8000-{0:D12}' -f $s.nextId
        $s.nextId++
        $vmPath = if ($Path) { $Path } else { $m.vmPath }
        $new = @{
            id = $id; name = $Name; generation = [int]$Generation; version = $v; state = 'Off'
            memoryStartupBytes = $MemoryStartupBytes; dynamicMemory = [bool]$m.newVmDynamicMemory; processorCount = 1
            expose = $false; path = $vmPath; automaticStopAction = 'Save'; automaticStartAction = 'StartIfRunning'
            checkpointType = 'Production'; notes = ''
            adapters = [System.Collections.ArrayList]@(@{ name = 'Network Adapter'; switchName = $(if ($SwitchName) { $SwitchName } else { $null }); macAddressSpoofing = 'Off'; deviceNaming = 'Off' })
            hardDisks = [System.Collections.ArrayList]@(); dvdDrives = [System.Collections.ArrayList]@(); snapshots = @()
            secureBoot = $(if ($Generation -eq 2) { 'On' } else { 'Off' }); secureBootTemplate = 'MicrosoftWindows'; firstBootDevice = $null
            integrationServices = @{ 'Guest Service Interface' = $false; 'Heartbeat' = $true; 'Key-Value Pair Exchange' = $true; 'Shutdown' = $true; 'Time Synchronization' = $true; 'VSS' = $true }
        }
        if ($NewVHDPath) { [void]$s.files.Add($NewVHDPath); [void]$new.hardDisks.Add(@{ path = $NewVHDPath; controllerType = 'SCSI'; controllerNumber = 0; controllerLocation = 0 }) }
        if ($VHDPath) { [void]$new.hardDisks.Add(@{ path = $VHDPath; controllerType = 'SCSI'; controllerNumber = 0; controllerLocation = 0 }) }
        [void]$s.vms.Add($new)
        $out.vm = $new
    }
    if ($ok) { SimVmObject $out.vm }
}

function Set-VM {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [Parameter(Position = 0)][string[]]$Name, [Parameter(ValueFromPipeline = $true)][ValidateNotNullOrEmpty()][object[]]$VM,
        [int64]$ProcessorCount, [switch]$DynamicMemory, [switch]$StaticMemory, [int64]$MemoryMinimumBytes,
        [int64]$MemoryMaximumBytes, [int64]$MemoryStartupBytes, [string]$AutomaticStartAction, [string]$AutomaticStopAction,
        [int]$AutomaticStartDelay, [string]$Notes, [string]$NewVMName, [string]$CheckpointType, [bool]$AutomaticCheckpointsEnabled,
        [switch]$Passthru
    )
    process {
        # $PSBoundParameters inside a change block would be SimMutate's own.
        $bound = $PSBoundParameters
        foreach ($x in (SimVms $PSCmdlet $Name $VM)) {
            [void](SimMutate $PSCmdlet 'Set-VM' {
                    $running = $x.state -ne 'Off'
                    if ($bound.ContainsKey('ProcessorCount')) { if ($running) { return "HvnSim: Set-VM: cannot change the processor count of '$($x.name)' while it is $($x.state)" }; $x.processorCount = $ProcessorCount }
                    if ($DynamicMemory -or $StaticMemory) { if ($running) { return "HvnSim: Set-VM: cannot change dynamic memory of '$($x.name)' while it is $($x.state)" }; $x.dynamicMemory = [bool]$DynamicMemory }
                    if ($bound.ContainsKey('MemoryStartupBytes')) { if ($running -and $x.expose) { return "HvnSim: Set-VM: runtime memory resize fails on a VM that hosts VMs ('$($x.name)')" }; $x.memoryStartupBytes = $MemoryStartupBytes }
                    if ($AutomaticStopAction) { if ($running -and $x.automaticStopAction -ne $AutomaticStopAction) { return "HvnSim: Set-VM: the automatic stop action of '$($x.name)' can change only while it is Off" }; $x.automaticStopAction = $AutomaticStopAction }
                    if ($AutomaticStartAction) { $x.automaticStartAction = $AutomaticStartAction }
                    if ($CheckpointType) { $x.checkpointType = $CheckpointType }
                    if ($bound.ContainsKey('Notes')) { $x.notes = $Notes }
                    if ($NewVMName) { $x.name = $NewVMName }
                })
        }
    }
}

function Start-VM {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([Parameter(Position = 0)][string[]]$Name, [Parameter(ValueFromPipeline = $true)][ValidateNotNullOrEmpty()][object[]]$VM, [switch]$Passthru)
    process {
        foreach ($x in (SimVms $PSCmdlet $Name $VM)) {
            $m = $script:State.machine
            [void](SimMutate $PSCmdlet 'Start-VM' {
                    if ($x.state -eq 'Running') { return }
                    if ($x.expose -and -not $m.nestedSupported) { return "The virtual machine '$($x.name)' could not be started because this platform does not support nested virtualization." }
                    $x.state = 'Running'
                })
        }
    }
}

function Stop-VM {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([Parameter(Position = 0)][string[]]$Name, [Parameter(ValueFromPipeline = $true)][ValidateNotNullOrEmpty()][object[]]$VM, [switch]$Save, [switch]$TurnOff, [switch]$Force, [switch]$Passthru)
    process {
        foreach ($x in (SimVms $PSCmdlet $Name $VM)) {
            [void](SimMutate $PSCmdlet 'Stop-VM' {
                    if ($x.state -eq 'Off') { return }
                    if ($x.state -eq 'Saved' -and -not $TurnOff) { return "HvnSim: Stop-VM: '$($x.name)' is Saved; a graceful shutdown needs it running" }
                    if ($Save) { $x.state = 'Saved' } else { $x.state = 'Off'; $x.lastStop = $(if ($TurnOff) { 'TurnOff' } else { 'ShutDown' }) }
                })
        }
    }
}

function Remove-VMSavedState {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([Parameter(Position = 0)][string[]]$VMName, [Parameter(ValueFromPipeline = $true)][ValidateNotNullOrEmpty()][object[]]$VM)
    process {
        foreach ($x in (SimVms $PSCmdlet $VMName $VM)) {
            [void](SimMutate $PSCmdlet 'Remove-VMSavedState' {
                    if ($x.state -ne 'Saved') { return "HvnSim: Remove-VMSavedState: '$($x.name)' is not Saved" }
                    $x.state = 'Off'
                })
        }
    }
}

function Update-VMVersion {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([Parameter(Position = 0)][string[]]$Name, [Parameter(ValueFromPipeline = $true)][ValidateNotNullOrEmpty()][object[]]$VM, [switch]$Force)
    process {
        foreach ($x in (SimVms $PSCmdlet $Name $VM)) {
            $m = $script:State.machine
            [void](SimMutate $PSCmdlet 'Update-VMVersion' {
                    if ($x.state -ne 'Off') { return "HvnSim: Update-VMVersion: '$($x.name)' must be Off" }
                    $x.version = $m.defaultVersion
                })
        }
    }
}

function Remove-VM {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([Parameter(Position = 0)][string[]]$Name, [Parameter(ValueFromPipeline = $true)][ValidateNotNullOrEmpty()][object[]]$VM, [switch]$Force)
    process { [void](SimMutate $PSCmdlet 'Remove-VM' { 'HvnSim: a generated script must never remove a VM' }) }
}

function Get-VMSnapshot {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string[]]$VMName, [Parameter(ValueFromPipeline = $true)][ValidateNotNullOrEmpty()][object[]]$VM, [string]$Name)
    process { foreach ($x in (SimVms $PSCmdlet $VMName $VM)) { foreach ($sn in $x.snapshots) { [pscustomobject]@{ VMName = $x.name; Name = $sn } } } }
}

function Get-VMProcessor {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string[]]$VMName, [Parameter(ValueFromPipeline = $true)][ValidateNotNullOrEmpty()][object[]]$VM)
    process {
        foreach ($x in (SimVms $PSCmdlet $VMName $VM)) {
            [pscustomobject]@{ PSTypeName = 'HvnSim.VMProcessor'; VMName = $x.name; VMId = $x.id; Count = $x.processorCount; ExposeVirtualizationExtensions = [bool]$x.expose }
        }
    }
}

# -ExposeVirtualizationExtensions is a dynamic parameter so that a machine profile
# can play a Hyper-V older than WS2016 / Windows 10 1607, which lacks it: the scripts
# look for it with (Get-Command -Name Set-VMProcessor).Parameters.
function Set-VMProcessor {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [Parameter(Position = 0)][string[]]$VMName, [Parameter(ValueFromPipeline = $true)][ValidateNotNullOrEmpty()][object[]]$VM,
        [int64]$Count, [int64]$Maximum, [int64]$Reserve, [int]$RelativeWeight,
        [bool]$CompatibilityForMigrationEnabled, [bool]$CompatibilityForOlderOperatingSystemsEnabled, [switch]$Passthru
    )
    dynamicparam {
        if ($script:State -and $script:State.machine.exposeParameter -eq $false) { return }
        $attributes = [System.Collections.ObjectModel.Collection[System.Attribute]]::new()
        $attributes.Add([System.Management.Automation.ParameterAttribute]::new())
        $parameters = [System.Management.Automation.RuntimeDefinedParameterDictionary]::new()
        $parameters.Add('ExposeVirtualizationExtensions', [System.Management.Automation.RuntimeDefinedParameter]::new('ExposeVirtualizationExtensions', [bool], $attributes))
        $parameters
    }
    process {
        # $PSBoundParameters inside a change block would be SimMutate's own.
        $bound = $PSBoundParameters
        foreach ($x in (SimVms $PSCmdlet $VMName $VM)) {
            $m = $script:State.machine
            [void](SimMutate $PSCmdlet 'Set-VMProcessor' {
                    if ($bound.ContainsKey('ExposeVirtualizationExtensions')) {
                        if ($x.state -ne 'Off') { return "The virtual machine '$($x.name)' must be Off to change ExposeVirtualizationExtensions (it is $($x.state))." }
                        if (-not $m.exposeSupported) { return 'HvnSim: this host cannot expose virtualization extensions' }
                    }
                    if ($bound.ContainsKey('Count') -and $x.state -ne 'Off') { return "The virtual machine '$($x.name)' must be Off to change its processor count (it is $($x.state))." }
                    if ($bound.ContainsKey('ExposeVirtualizationExtensions')) { $x.expose = [bool]$bound['ExposeVirtualizationExtensions'] }
                    if ($bound.ContainsKey('Count')) { $x.processorCount = $Count }
                })
        }
    }
}

function Get-VMMemory {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string[]]$VMName, [Parameter(ValueFromPipeline = $true)][ValidateNotNullOrEmpty()][object[]]$VM)
    process {
        foreach ($x in (SimVms $PSCmdlet $VMName $VM)) {
            [pscustomobject]@{ PSTypeName = 'HvnSim.VMMemory'; VMName = $x.name; VMId = $x.id; Startup = $x.memoryStartupBytes; DynamicMemoryEnabled = [bool]$x.dynamicMemory }
        }
    }
}

function Set-VMMemory {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [Parameter(Position = 0)][string[]]$VMName, [Parameter(ValueFromPipeline = $true)][ValidateNotNullOrEmpty()][object[]]$VM,
        [bool]$DynamicMemoryEnabled, [int64]$StartupBytes, [int64]$MinimumBytes, [int64]$MaximumBytes, [int]$Buffer, [int]$Priority, [switch]$Passthru
    )
    process {
        # $PSBoundParameters inside a change block would be SimMutate's own.
        $bound = $PSBoundParameters
        foreach ($x in (SimVms $PSCmdlet $VMName $VM)) {
            [void](SimMutate $PSCmdlet 'Set-VMMemory' {
                    if ($bound.ContainsKey('DynamicMemoryEnabled') -and $x.state -ne 'Off' -and $x.dynamicMemory -ne $DynamicMemoryEnabled) { return "HvnSim: Set-VMMemory: cannot change dynamic memory of '$($x.name)' while it is $($x.state)" }
                    if ($bound.ContainsKey('StartupBytes') -and $x.state -ne 'Off' -and $x.expose) { return "HvnSim: Set-VMMemory: runtime memory resize fails on a VM that hosts VMs ('$($x.name)')" }
                    if ($bound.ContainsKey('StartupBytes') -and $StartupBytes % 2MB -ne 0) { return "HvnSim: Set-VMMemory: $StartupBytes is not a multiple of 2 MB" }
                    if ($bound.ContainsKey('DynamicMemoryEnabled')) { $x.dynamicMemory = $DynamicMemoryEnabled }
                    if ($bound.ContainsKey('StartupBytes')) { $x.memoryStartupBytes = $StartupBytes }
                })
        }
    }
}

# --- VM network adapters -------------------------------------------------------------

function SimVmAdapters($Cmdlet, $VMName, $VM, $VMNetworkAdapter, [string]$Name) {
    $pairs = @()
    if ($null -ne $VMNetworkAdapter) {
        SimRequireRole $Cmdlet
        foreach ($o in $VMNetworkAdapter) {
            $x = @($script:State.vms | Where-Object { $_.id -eq $o.VMId })[0]
            $pairs += , @($x, @($x.adapters | Where-Object { $_.name -eq $o.Name })[0])
        }
        return , $pairs
    }
    foreach ($x in (SimVms $Cmdlet $VMName $VM)) {
        foreach ($a in $x.adapters) {
            if (-not $Name -or (SimMatch $Name $a.name)) { $pairs += , @($x, $a) }
        }
    }
    , $pairs
}

function Get-VMNetworkAdapter {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string[]]$VMName, [Parameter(ValueFromPipeline = $true)][ValidateNotNullOrEmpty()][object[]]$VM, [string]$Name, [switch]$ManagementOS, [string]$SwitchName, [switch]$All)
    process {
        if ($ManagementOS) {
            SimRequireRole $PSCmdlet
            foreach ($sw in $script:State.switches | Where-Object { $_.managementOS }) {
                if (-not $Name -or (SimMatch $Name $sw.name)) { [pscustomobject]@{ Name = $sw.name; SwitchName = $sw.name; IsManagementOs = $true; VMName = $null } }
            }
            return
        }
        foreach ($p in (SimVmAdapters $PSCmdlet $VMName $VM $null $Name)) { SimAdapterObject $p[0] $p[1] }
    }
}

function Set-VMNetworkAdapter {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [Parameter(Position = 0)][string]$VMName, [string]$Name, [Parameter(ValueFromPipeline = $true)][ValidateNotNullOrEmpty()][object]$VMNetworkAdapter, [ValidateNotNullOrEmpty()][object]$VM,
        [ValidateSet('On', 'Off')][string]$MacAddressSpoofing, [ValidateSet('On', 'Off')][string]$DeviceNaming,
        [ValidateSet('On', 'Off')][string]$DhcpGuard, [ValidateSet('On', 'Off')][string]$RouterGuard, [string]$StaticMacAddress, [switch]$DynamicMacAddress, [switch]$Passthru
    )
    process {
        $vmNames = if ($VMName) { @($VMName) } else { $null }
        foreach ($p in (SimVmAdapters $PSCmdlet $vmNames $VM $VMNetworkAdapter $Name)) {
            $x = $p[0]; $a = $p[1]
            [void](SimMutate $PSCmdlet 'Set-VMNetworkAdapter' {
                    if ($DeviceNaming -and $x.state -ne 'Off' -and $a.deviceNaming -ne $DeviceNaming) { return "HvnSim: Set-VMNetworkAdapter: device naming of '$($x.name)' can change only while it is Off" }
                    if ($MacAddressSpoofing) { $a.macAddressSpoofing = $MacAddressSpoofing }
                    if ($DeviceNaming) { $a.deviceNaming = $DeviceNaming }
                })
        }
    }
}

function Rename-VMNetworkAdapter {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([Parameter(Position = 0)][string[]]$VMName, [string]$Name, [Parameter(Mandatory = $true)][string]$NewName, [Parameter(ValueFromPipeline = $true)][ValidateNotNullOrEmpty()][object[]]$VMNetworkAdapter, [ValidateNotNullOrEmpty()][object[]]$VM, [switch]$Passthru)
    process {
        foreach ($p in (SimVmAdapters $PSCmdlet $VMName $VM $VMNetworkAdapter $Name)) {
            $a = $p[1]
            [void](SimMutate $PSCmdlet 'Rename-VMNetworkAdapter' { $a.name = $NewName })
        }
    }
}

function Connect-VMNetworkAdapter {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([Parameter(Position = 0)][string[]]$VMName, [string[]]$Name, [string]$SwitchName, [Parameter(ValueFromPipeline = $true)][ValidateNotNullOrEmpty()][object[]]$VMNetworkAdapter, [switch]$Passthru)
    process {
        $pairs = if ($VMNetworkAdapter) { SimVmAdapters $PSCmdlet $null $null $VMNetworkAdapter $null } else { @(foreach ($n in $(if ($Name) { $Name } else { @('*') })) { SimVmAdapters $PSCmdlet $VMName $null $null $n }) }
        foreach ($p in $pairs) {
            $a = $p[1]
            [void](SimMutate $PSCmdlet 'Connect-VMNetworkAdapter' {
                    if (-not @($script:State.switches | Where-Object { $_.name -eq $SwitchName })) { return "Hyper-V was unable to find a virtual switch with name `"$SwitchName`"." }
                    $a.switchName = $SwitchName
                })
        }
    }
}

function Add-VMNetworkAdapter {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([Parameter(Position = 0)][string[]]$VMName, [Parameter(ValueFromPipeline = $true)][ValidateNotNullOrEmpty()][object[]]$VM, [string]$SwitchName, [string]$Name = 'Network Adapter', [ValidateSet('On', 'Off')][string]$DeviceNaming = 'Off', [switch]$ManagementOS, [switch]$Passthru)
    process {
        foreach ($x in (SimVms $PSCmdlet $VMName $VM)) {
            [void](SimMutate $PSCmdlet 'Add-VMNetworkAdapter' {
                    if ($SwitchName -and -not @($script:State.switches | Where-Object { $_.name -eq $SwitchName })) { return "Hyper-V was unable to find a virtual switch with name `"$SwitchName`"." }
                    [void]$x.adapters.Add(@{ name = $Name; switchName = $(if ($SwitchName) { $SwitchName } else { $null }); macAddressSpoofing = 'Off'; deviceNaming = $DeviceNaming })
                })
        }
    }
}

# --- switches ----------------------------------------------------------------------

function Get-VMSwitch {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string]$Name, [string[]]$SwitchType)
    SimRequireRole $PSCmdlet
    $found = @($script:State.switches | Where-Object { (-not $Name -or (SimMatch $Name $_.name)) -and (-not $SwitchType -or $SwitchType -contains $_.switchType) })
    if ($Name -and $found.Count -eq 0 -and -not [System.Management.Automation.WildcardPattern]::ContainsWildcardCharacters($Name)) {
        SimError $PSCmdlet "Hyper-V was unable to find a virtual switch with name `"$Name`"." 'InvalidParameter'
        return
    }
    foreach ($sw in $found) { [pscustomobject]@{ PSTypeName = 'HvnSim.VMSwitch'; Name = $sw.name; SwitchType = $sw.switchType; NetAdapterInterfaceDescription = $sw.netAdapterName; AllowManagementOS = [bool]$sw.managementOS } }
}

function New-VMSwitch {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([Parameter(Position = 0)][string]$Name, [ValidateSet('Internal', 'Private', 'External')][string]$SwitchType, [string[]]$NetAdapterName, [string[]]$NetAdapterInterfaceDescription, [bool]$AllowManagementOS = $true, [string]$Notes)
    SimRequireRole $PSCmdlet
    $s = $script:State
    $ok = SimMutate $PSCmdlet 'New-VMSwitch' {
        if ($NetAdapterName) {
            if ($SwitchType) { return 'HvnSim: New-VMSwitch: -SwitchType and -NetAdapterName are in different parameter sets' }
            $phys = @($s.netAdapters | Where-Object { $_.name -eq $NetAdapterName[0] })
            if (-not $phys) { return "HvnSim: New-VMSwitch: no network adapter named '$($NetAdapterName[0])'" }
            if (@($s.switches | Where-Object { $_.netAdapterName -eq $NetAdapterName[0] })) { return "HvnSim: New-VMSwitch: the adapter '$($NetAdapterName[0])' is already bound to an external switch" }
            [void]$s.switches.Add(@{ name = $Name; switchType = 'External'; netAdapterName = $NetAdapterName[0]; managementOS = $AllowManagementOS })
            if ($AllowManagementOS) { SimNewNetAdapter "vEthernet ($Name)" 'Hyper-V Virtual Ethernet Adapter' }
            return
        }
        if (-not $SwitchType) { return 'HvnSim: New-VMSwitch: give -SwitchType or -NetAdapterName' }
        if ($SwitchType -eq 'External') { return 'HvnSim: New-VMSwitch: an external switch needs -NetAdapterName' }
        [void]$s.switches.Add(@{ name = $Name; switchType = $SwitchType; netAdapterName = $null; managementOS = ($SwitchType -eq 'Internal') })
        if ($SwitchType -eq 'Internal') { SimNewNetAdapter "vEthernet ($Name)" 'Hyper-V Virtual Ethernet Adapter' }
    }
    if ($ok) { Get-VMSwitch -Name ([System.Management.Automation.WildcardPattern]::Escape($Name)) | Select-Object -Last 1 }
}

function Remove-VMSwitch {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([Parameter(Position = 0)][string[]]$Name, [switch]$Force)
    [void](SimMutate $PSCmdlet 'Remove-VMSwitch' { 'HvnSim: a generated script must never remove a switch' })
}

# --- disks -------------------------------------------------------------------------

function New-VHD {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([Parameter(Position = 0)][string[]]$Path, [Parameter(Position = 1)][uint64]$SizeBytes, [switch]$Dynamic, [switch]$Fixed, [switch]$Differencing, [string]$ParentPath, [uint32]$BlockSizeBytes)
    SimRequireRole $PSCmdlet
    $s = $script:State
    foreach ($p in $Path) {
        [void](SimMutate $PSCmdlet 'New-VHD' {
                if ($s.files -contains $p) { return "HvnSim: New-VHD: the file '$p' already exists" }
                [void]$s.files.Add($p)
            })
    }
}

function Get-VHD {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string[]]$Path)
    SimRequireRole $PSCmdlet
    foreach ($p in $Path) {
        if ($script:State.files -contains $p) { [pscustomobject]@{ Path = $p; VhdFormat = 'VHDX'; VhdType = 'Dynamic' } }
        else { SimError $PSCmdlet "HvnSim: Get-VHD: the file '$p' does not exist" }
    }
}

function Get-VMHardDiskDrive {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string[]]$VMName, [Parameter(ValueFromPipeline = $true)][ValidateNotNullOrEmpty()][object[]]$VM, [string]$ControllerType, [int]$ControllerNumber, [int]$ControllerLocation)
    process { foreach ($x in (SimVms $PSCmdlet $VMName $VM)) { foreach ($d in $x.hardDisks) { [pscustomobject]@{ VMName = $x.name; VMId = $x.id; Path = $d.path; ControllerType = $d.controllerType; ControllerNumber = $d.controllerNumber; ControllerLocation = $d.controllerLocation } } } }
}

function Add-VMHardDiskDrive {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([Parameter(Position = 0)][string[]]$VMName, [Parameter(ValueFromPipeline = $true)][ValidateNotNullOrEmpty()][object[]]$VM, [string]$ControllerType = 'SCSI', [int]$ControllerNumber = 0, [int]$ControllerLocation = -1, [string]$Path, [switch]$Passthru)
    process {
        foreach ($x in (SimVms $PSCmdlet $VMName $VM)) {
            [void](SimMutate $PSCmdlet 'Add-VMHardDiskDrive' {
                    if ($script:State.files -notcontains $Path) { return "HvnSim: Add-VMHardDiskDrive: the file '$Path' does not exist" }
                    if ($x.generation -eq 2 -and $ControllerType -eq 'IDE') { return 'HvnSim: a generation 2 VM has no IDE controller' }
                    $loc = if ($ControllerLocation -ge 0) { $ControllerLocation } else { $x.hardDisks.Count + $x.dvdDrives.Count }
                    [void]$x.hardDisks.Add(@{ path = $Path; controllerType = $ControllerType; controllerNumber = $ControllerNumber; controllerLocation = $loc })
                })
        }
    }
}

function Get-VMDvdDrive {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string[]]$VMName, [Parameter(ValueFromPipeline = $true)][ValidateNotNullOrEmpty()][object[]]$VM, [int]$ControllerNumber, [int]$ControllerLocation)
    process { foreach ($x in (SimVms $PSCmdlet $VMName $VM)) { foreach ($d in $x.dvdDrives) { [pscustomobject]@{ PSTypeName = 'HvnSim.DvdDrive'; VMName = $x.name; VMId = $x.id; Name = 'DVD Drive'; Path = $d.path; ControllerNumber = $d.controllerNumber; ControllerLocation = $d.controllerLocation } } } }
}

function Add-VMDvdDrive {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([Parameter(Position = 0)][string[]]$VMName, [Parameter(ValueFromPipeline = $true)][ValidateNotNullOrEmpty()][object[]]$VM, [int]$ControllerNumber = 0, [int]$ControllerLocation = -1, [string]$Path, [switch]$Passthru)
    process {
        foreach ($x in (SimVms $PSCmdlet $VMName $VM)) {
            [void](SimMutate $PSCmdlet 'Add-VMDvdDrive' {
                    if ($Path -and $script:State.files -notcontains $Path) { return "HvnSim: Add-VMDvdDrive: the file '$Path' does not exist" }
                    $loc = if ($ControllerLocation -ge 0) { $ControllerLocation } else { $x.hardDisks.Count + $x.dvdDrives.Count }
                    [void]$x.dvdDrives.Add(@{ path = $Path; controllerNumber = $ControllerNumber; controllerLocation = $loc })
                })
        }
    }
}

function Set-VMDvdDrive {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([Parameter(Position = 0)][string]$VMName, [int]$ControllerNumber = 0, [int]$ControllerLocation = -1, [string]$Path, [Parameter(ValueFromPipeline = $true)][object[]]$VMDvdDrive, [switch]$Passthru)
    process {
        foreach ($x in (SimVms $PSCmdlet @($VMName) $null)) {
            [void](SimMutate $PSCmdlet 'Set-VMDvdDrive' {
                    if ($Path -and $script:State.files -notcontains $Path) { return "HvnSim: Set-VMDvdDrive: the file '$Path' does not exist" }
                    $d = @($x.dvdDrives | Where-Object { $ControllerLocation -lt 0 -or $_.controllerLocation -eq $ControllerLocation })
                    if (-not $d) { return "HvnSim: Set-VMDvdDrive: '$($x.name)' has no such DVD drive" }
                    $d[0].path = $Path
                })
        }
    }
}

# Generation 2 boot order: the device set with -FirstBootDevice, then disks, DVD
# drives and network adapters in the order they were added.
function SimBootOrder($x) {
    $entries = @()
    foreach ($d in $x.hardDisks) { $entries += [pscustomobject]@{ BootType = 'Drive'; Device = [pscustomobject]@{ Path = $d.path; Name = 'Hard Drive' } } }
    foreach ($d in $x.dvdDrives) { $entries += [pscustomobject]@{ BootType = 'Drive'; Device = [pscustomobject]@{ Path = $d.path; Name = 'DVD Drive' } } }
    foreach ($a in $x.adapters) { $entries += [pscustomobject]@{ BootType = 'Network'; Device = [pscustomobject]@{ Name = $a.name; SwitchName = $a.switchName } } }
    $first = @($entries | Where-Object { $x.firstBootDevice -and $_.Device.PSObject.Properties['Path'] -and $_.Device.Path -eq $x.firstBootDevice })
    if ($first) { return @($first[0]) + @($entries | Where-Object { $_ -ne $first[0] }) }
    $entries
}

function Get-VMFirmware {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string[]]$VMName, [Parameter(ValueFromPipeline = $true)][ValidateNotNullOrEmpty()][object[]]$VM)
    process {
        foreach ($x in (SimVms $PSCmdlet $VMName $VM)) {
            if ($x.generation -ne 2) { SimError $PSCmdlet "HvnSim: Get-VMFirmware: '$($x.name)' is a generation 1 VM"; continue }
            [pscustomobject]@{ VMName = $x.name; SecureBoot = $x.secureBoot; SecureBootTemplate = $x.secureBootTemplate; BootOrder = @(SimBootOrder $x) }
        }
    }
}

function Set-VMFirmware {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([Parameter(Position = 0)][string[]]$VMName, [Parameter(ValueFromPipeline = $true)][ValidateNotNullOrEmpty()][object[]]$VM, [object[]]$BootOrder, [object]$FirstBootDevice, [ValidateSet('On', 'Off')][string]$EnableSecureBoot, [string]$SecureBootTemplate, [switch]$Passthru)
    process {
        foreach ($x in (SimVms $PSCmdlet $VMName $VM)) {
            [void](SimMutate $PSCmdlet 'Set-VMFirmware' {
                    if ($x.generation -ne 2) { return "HvnSim: Set-VMFirmware: '$($x.name)' is a generation 1 VM" }
                    if ($EnableSecureBoot) { $x.secureBoot = $EnableSecureBoot }
                    if ($SecureBootTemplate) { $x.secureBootTemplate = $SecureBootTemplate }
                    if ($FirstBootDevice) { $x.firstBootDevice = if ($FirstBootDevice.PSObject.Properties['Path']) { [string]$FirstBootDevice.Path } else { [string]$FirstBootDevice } }
                })
        }
    }
}

function Get-VMIntegrationService {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string[]]$VMName, [Parameter(ValueFromPipeline = $true)][ValidateNotNullOrEmpty()][object[]]$VM, [string[]]$Name)
    process {
        foreach ($x in (SimVms $PSCmdlet $VMName $VM)) {
            foreach ($k in $x.integrationServices.Keys | Sort-Object) {
                if (-not $Name -or @($Name | Where-Object { SimMatch $_ $k })) { [pscustomobject]@{ VMName = $x.name; VMId = $x.id; Name = $k; Enabled = [bool]$x.integrationServices[$k] } }
            }
        }
    }
}

function Enable-VMIntegrationService {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([Parameter(Position = 0)][string[]]$Name, [string[]]$VMName, [Parameter(ValueFromPipeline = $true)][object[]]$VMIntegrationService, [ValidateNotNullOrEmpty()][object[]]$VM, [switch]$Passthru)
    process {
        foreach ($x in (SimVms $PSCmdlet $VMName $VM)) {
            [void](SimMutate $PSCmdlet 'Enable-VMIntegrationService' {
                    foreach ($n in $Name) {
                        if (-not $x.integrationServices.ContainsKey($n)) { return "HvnSim: no integration service '$n'" }
                        $x.integrationServices[$n] = $true
                    }
                })
        }
    }
}

# --- host networking ---------------------------------------------------------------------

function Get-NetAdapter {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string[]]$Name, [string[]]$InterfaceDescription, [uint32[]]$InterfaceIndex, [switch]$Physical, [switch]$IncludeHidden)
    $found = @($script:State.netAdapters | Where-Object {
            $a = $_
            (-not $Name -or @($Name | Where-Object { SimMatch $_ $a.name })) -and
            (-not $InterfaceIndex -or $InterfaceIndex -contains $a.interfaceIndex) -and
            (-not $Physical -or $a.interfaceDescription -notlike 'Hyper-V Virtual Ethernet*')
        })
    if ($Name -and -not $found -and -not @($Name | Where-Object { [System.Management.Automation.WildcardPattern]::ContainsWildcardCharacters($_) })) {
        SimError $PSCmdlet "No MSFT_NetAdapter objects found with property 'Name' equal to '$($Name -join ',')'." 'CmdletizationQuery_NotFound_Name'
        return
    }
    foreach ($a in $found) { SimNetAdapterObject $a }
}

function Rename-NetAdapter {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([Parameter(Position = 0)][string[]]$Name, [Parameter(Mandatory = $true, Position = 1)][string]$NewName, [Parameter(ValueFromPipeline = $true)][object[]]$InputObject, [switch]$PassThru)
    process {
        $names = if ($InputObject) { @($InputObject | ForEach-Object { $_.Name }) } else { $Name }
        [void](SimMutate $PSCmdlet 'Rename-NetAdapter' {
                $a = @($script:State.netAdapters | Where-Object { $_.name -in $names })
                if ($a.Count -ne 1) { return "No MSFT_NetAdapter objects found with property 'Name' equal to '$($names -join ',')'." }
                if (@($script:State.netAdapters | Where-Object { $_.name -eq $NewName -and $_ -ne $a[0] })) { return "HvnSim: Rename-NetAdapter: an adapter named '$NewName' already exists" }
                $old = $a[0].name
                $a[0].name = $NewName
                foreach ($ip in $script:State.ipAddresses) { if ($ip.interfaceAlias -eq $old) { $ip.interfaceAlias = $NewName } }
                foreach ($r in $script:State.routes) { if ($r.interfaceAlias -eq $old) { $r.interfaceAlias = $NewName } }
                if ($script:State.dnsServers.ContainsKey($old)) { $script:State.dnsServers[$NewName] = $script:State.dnsServers[$old]; $script:State.dnsServers.Remove($old) }
            })
    }
}

function Get-NetAdapterAdvancedProperty {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string[]]$Name, [string[]]$DisplayName, [string[]]$RegistryKeyword, [string[]]$InterfaceDescription, [switch]$AllProperties, [switch]$IncludeHidden)
    foreach ($a in $script:State.netAdapters) {
        if ($Name -and -not @($Name | Where-Object { SimMatch $_ $a.name })) { continue }
        if (-not $a.hyperVName) { continue }
        if ($DisplayName -and -not @($DisplayName | Where-Object { SimMatch $_ 'Hyper-V Network Adapter Name' })) { continue }
        if ($RegistryKeyword -and -not @($RegistryKeyword | Where-Object { SimMatch $_ 'HyperVNetworkAdapterName' })) { continue }
        [pscustomobject]@{ Name = $a.name; InterfaceAlias = $a.name; DisplayName = 'Hyper-V Network Adapter Name'; DisplayValue = $a.hyperVName; RegistryKeyword = 'HyperVNetworkAdapterName'; RegistryValue = @($a.hyperVName) }
    }
}

function SimIpObject($ip) {
    [pscustomobject]@{ PSTypeName = 'HvnSim.NetIPAddress'; IPAddress = $ip.ipAddress; PrefixLength = [byte]$ip.prefixLength; InterfaceAlias = $ip.interfaceAlias; InterfaceIndex = $ip.interfaceIndex; AddressFamily = 'IPv4'; PrefixOrigin = 'Manual' }
}

function Get-NetIPAddress {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string[]]$IPAddress, [string[]]$InterfaceAlias, [uint32[]]$InterfaceIndex, [string[]]$AddressFamily, [byte[]]$PrefixLength, [string]$PolicyStore)
    $found = @($script:State.ipAddresses | Where-Object {
            $ip = $_
            (-not $IPAddress -or $IPAddress -contains $ip.ipAddress) -and
            (-not $InterfaceAlias -or @($InterfaceAlias | Where-Object { SimMatch $_ $ip.interfaceAlias })) -and
            (-not $InterfaceIndex -or $InterfaceIndex -contains $ip.interfaceIndex) -and
            (-not $AddressFamily -or $AddressFamily -contains 'IPv4') -and
            (-not $PrefixLength -or $PrefixLength -contains $ip.prefixLength)
        })
    if (-not $found -and ($IPAddress -or $InterfaceAlias -or $InterfaceIndex)) {
        SimError $PSCmdlet 'No matching MSFT_NetIPAddress objects found by CIM query for instances of the ROOT/StandardCimv2/MSFT_NetIPAddress class on the  CIM server.' 'CmdletizationQuery_NotFound'
        return
    }
    foreach ($ip in $found) { SimIpObject $ip }
}

function New-NetIPAddress {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([Parameter(Mandatory = $true, Position = 0)][string]$IPAddress, [string]$InterfaceAlias, [uint32]$InterfaceIndex, [string]$DefaultGateway, [string]$AddressFamily, [byte]$PrefixLength, [string]$Type, [bool]$SkipAsSource, [string]$PolicyStore)
    $s = $script:State
    $out = @{}
    $ok = SimMutate $PSCmdlet 'New-NetIPAddress' {
        $a = if ($InterfaceAlias) { SimAdapterByAlias $PSCmdlet $InterfaceAlias } else { @($s.netAdapters | Where-Object { $_.interfaceIndex -eq $InterfaceIndex })[0] }
        if (-not $a) { return "No MSFT_NetAdapter objects found with property 'Name' equal to '$InterfaceAlias'." }
        if (-not ($IPAddress -as [ipaddress])) { return "HvnSim: New-NetIPAddress: '$IPAddress' is not an address" }
        if (@($s.ipAddresses | Where-Object { $_.ipAddress -eq $IPAddress })) { return 'Instance MSFT_NetIPAddress already exists' }
        if ($DefaultGateway -and @($s.routes | Where-Object { $_.destinationPrefix -eq '0.0.0.0/0' -and $_.interfaceAlias -eq $a.name })) { return 'Instance MSFT_NetRoute already exists' }
        $ip = @{ ipAddress = $IPAddress; prefixLength = $(if ($PrefixLength) { [int]$PrefixLength } else { 24 }); interfaceAlias = $a.name; interfaceIndex = $a.interfaceIndex }
        [void]$s.ipAddresses.Add($ip)
        if ($DefaultGateway) { [void]$s.routes.Add(@{ destinationPrefix = '0.0.0.0/0'; nextHop = $DefaultGateway; interfaceAlias = $a.name }) }
        $out.ip = $ip
    }
    if ($ok) { SimIpObject $out.ip }
}

function Remove-NetIPAddress {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([Parameter(Position = 0)][string[]]$IPAddress, [string[]]$InterfaceAlias, [string]$DefaultGateway, [Parameter(ValueFromPipeline = $true)][object[]]$InputObject, [byte[]]$PrefixLength)
    process {
        $s = $script:State
        [void](SimMutate $PSCmdlet 'Remove-NetIPAddress' {
                $addresses = if ($InputObject) { @($InputObject | ForEach-Object { $_.IPAddress }) } else { $IPAddress }
                $gone = @($s.ipAddresses | Where-Object { $addresses -contains $_.ipAddress -and (-not $InterfaceAlias -or $InterfaceAlias -contains $_.interfaceAlias) })
                if (-not $gone) { return 'No matching MSFT_NetIPAddress objects found' }
                foreach ($g in $gone) { $s.ipAddresses.Remove($g) }
            })
    }
}

function Get-NetRoute {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string[]]$DestinationPrefix, [string[]]$InterfaceAlias, [uint32[]]$InterfaceIndex, [string[]]$NextHop, [string[]]$AddressFamily, [string]$PolicyStore)
    $found = @($script:State.routes | Where-Object {
            $r = $_
            (-not $DestinationPrefix -or $DestinationPrefix -contains $r.destinationPrefix) -and
            (-not $InterfaceAlias -or @($InterfaceAlias | Where-Object { SimMatch $_ $r.interfaceAlias })) -and
            (-not $NextHop -or $NextHop -contains $r.nextHop)
        })
    if (-not $found -and ($DestinationPrefix -or $InterfaceAlias -or $NextHop)) { SimError $PSCmdlet 'No matching MSFT_NetRoute objects found' 'CmdletizationQuery_NotFound'; return }
    foreach ($r in $found) { [pscustomobject]@{ DestinationPrefix = $r.destinationPrefix; NextHop = $r.nextHop; InterfaceAlias = $r.interfaceAlias; AddressFamily = 'IPv4' } }
}

function New-NetRoute {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([Parameter(Position = 0)][string]$DestinationPrefix, [string]$InterfaceAlias, [uint32]$InterfaceIndex, [string]$NextHop, [string]$AddressFamily, [uint16]$RouteMetric, [string]$PolicyStore)
    $s = $script:State
    [void](SimMutate $PSCmdlet 'New-NetRoute' {
            $a = SimAdapterByAlias $PSCmdlet $InterfaceAlias
            if (-not $a) { return "No MSFT_NetAdapter objects found with property 'Name' equal to '$InterfaceAlias'." }
            if (@($s.routes | Where-Object { $_.destinationPrefix -eq $DestinationPrefix -and $_.interfaceAlias -eq $a.name -and $_.nextHop -eq $NextHop })) { return 'Instance MSFT_NetRoute already exists' }
            [void]$s.routes.Add(@{ destinationPrefix = $DestinationPrefix; nextHop = $NextHop; interfaceAlias = $a.name })
        })
}

function Get-DnsClientServerAddress {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string[]]$InterfaceAlias, [uint32[]]$InterfaceIndex, [string[]]$AddressFamily)
    foreach ($a in $script:State.netAdapters) {
        if ($InterfaceAlias -and -not @($InterfaceAlias | Where-Object { SimMatch $_ $a.name })) { continue }
        $servers = if ($script:State.dnsServers.ContainsKey($a.name)) { @($script:State.dnsServers[$a.name]) } else { @() }
        [pscustomobject]@{ InterfaceAlias = $a.name; InterfaceIndex = $a.interfaceIndex; AddressFamily = 2; ServerAddresses = $servers }
    }
}

function Set-DnsClientServerAddress {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([Parameter(Position = 0)][string[]]$InterfaceAlias, [uint32[]]$InterfaceIndex, [string[]]$ServerAddresses, [switch]$ResetServerAddresses, [switch]$Validate, [switch]$PassThru)
    $s = $script:State
    [void](SimMutate $PSCmdlet 'Set-DnsClientServerAddress' {
            foreach ($alias in $InterfaceAlias) {
                $a = SimAdapterByAlias $PSCmdlet $alias
                if (-not $a) { return "No MSFT_DNSClientServerAddress objects found with property 'InterfaceAlias' equal to '$alias'." }
                # Assigned in each branch: an `if` expression would unroll a one-item array.
                if ($ResetServerAddresses) { $s.dnsServers[$a.name] = @() } else { $s.dnsServers[$a.name] = @($ServerAddresses) }
            }
        })
}

function Get-NetNat {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string[]]$Name)
    $found = @($script:State.netNats | Where-Object { $n = $_; -not $Name -or @($Name | Where-Object { SimMatch $_ $n.name }) })
    if ($Name -and -not $found) { SimError $PSCmdlet "No MSFT_NetNat objects found with property 'Name' equal to '$($Name -join ',')'." 'CmdletizationQuery_NotFound_Name'; return }
    foreach ($n in $found) { [pscustomobject]@{ Name = $n.name; InternalIPInterfaceAddressPrefix = $n.internalIPInterfaceAddressPrefix; Active = $true } }
}

function New-NetNat {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([Parameter(Mandatory = $true, Position = 0)][string]$Name, [string]$InternalIPInterfaceAddressPrefix, [string]$ExternalIPInterfaceAddressPrefix, [string]$InternalRoutingDomainId)
    $s = $script:State
    $ok = SimMutate $PSCmdlet 'New-NetNat' {
        if (@($s.netNats | Where-Object { $_.name -eq $Name })) { return 'Instance MSFT_NetNat already exists' }
        if ($s.netNats.Count -ge $s.machine.netNatLimit) { return 'The parameter is incorrect.' }
        if ($InternalIPInterfaceAddressPrefix -notmatch '^\d+\.\d+\.\d+\.\d+/\d+$') { return 'The parameter is incorrect.' }
        [void]$s.netNats.Add(@{ name = $Name; internalIPInterfaceAddressPrefix = $InternalIPInterfaceAddressPrefix })
    }
    if ($ok) { [pscustomobject]@{ Name = $Name; InternalIPInterfaceAddressPrefix = $InternalIPInterfaceAddressPrefix } }
}

function Remove-NetNat {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([Parameter(Position = 0)][string[]]$Name)
    [void](SimMutate $PSCmdlet 'Remove-NetNat' { 'HvnSim: a generated script must never remove a NetNat' })
}

# --- files (only VM paths: the simulated machine has no real disk) ----------------------

function SimPathMatch([string]$Path, [bool]$Literal) {
    $all = @($script:State.files) + @($script:State.directories)
    if ($Literal) { return @($all | Where-Object { $_ -eq $Path }) }
    @($all | Where-Object { SimMatch $Path $_ })
}

# (path, literal) pairs; -Path is a wildcard pattern, -LiteralPath is not.
function SimPathArguments($Path, $LiteralPath) {
    $items = [System.Collections.Generic.List[object]]::new()
    foreach ($p in $LiteralPath) { $items.Add(@($p, $true)) }
    foreach ($p in $Path) { $items.Add(@($p, $false)) }
    , $items
}

function Test-Path {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string[]]$Path, [string[]]$LiteralPath, [ValidateSet('Any', 'Container', 'Leaf')][string]$PathType = 'Any', [switch]$IsValid)
    $items = SimPathArguments $Path $LiteralPath
    foreach ($i in $items) {
        if ($IsValid) { $true; continue }
        $hits = SimPathMatch $i[0] $i[1]
        $hits = switch ($PathType) {
            'Leaf' { @($hits | Where-Object { $script:State.files -contains $_ }) }
            'Container' { @($hits | Where-Object { $script:State.directories -contains $_ }) }
            default { $hits }
        }
        [bool]@($hits).Count
    }
}

function Get-Item {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string[]]$Path, [string[]]$LiteralPath, [switch]$Force)
    $items = SimPathArguments $Path $LiteralPath
    foreach ($i in $items) {
        $hits = SimPathMatch $i[0] $i[1]
        if (-not $hits) { SimError $PSCmdlet "Cannot find path '$($i[0])' because it does not exist." 'PathNotFound'; continue }
        foreach ($h in $hits) { [pscustomobject]@{ FullName = $h; Name = ($h -split '[\\/]')[-1]; PSIsContainer = ($script:State.directories -contains $h) } }
    }
}

function New-Item {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([Parameter(Position = 0)][string[]]$Path, [string]$Name, [string]$ItemType = 'File', [object]$Value, [switch]$Force)
    $s = $script:State
    foreach ($p in $Path) {
        $full = if ($Name) { $p.TrimEnd('\') + '\' + $Name } else { $p }
        [void](SimMutate $PSCmdlet 'New-Item' {
                if ((SimPathMatch $full $true) -and -not $Force) { return "An item with the specified name $full already exists." }
                if ($ItemType -eq 'Directory') { if ($s.directories -notcontains $full) { [void]$s.directories.Add($full) } }
                elseif ($s.files -notcontains $full) { [void]$s.files.Add($full) }
            })
        [pscustomobject]@{ FullName = $full }
    }
}

function Copy-Item {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([Parameter(Position = 0)][string[]]$Path, [string[]]$LiteralPath, [Parameter(Position = 1)][string]$Destination, [switch]$Force, [switch]$Recurse, [switch]$Container, [object]$ToSession, [object]$FromSession)
    $s = $script:State
    $sources = SimPathArguments $Path $LiteralPath
    foreach ($src in $sources) {
        [void](SimMutate $PSCmdlet 'Copy-Item' {
                $hits = @(SimPathMatch $src[0] $src[1] | Where-Object { $s.files -contains $_ })
                if (-not $hits) { return "Cannot find path '$($src[0])' because it does not exist." }
                $target = if ($s.directories -contains $Destination) { $Destination.TrimEnd('\') + '\' + ($hits[0] -split '[\\/]')[-1] } else { $Destination }
                if ($s.files -contains $target -and -not $Force) { return "HvnSim: Copy-Item: '$target' already exists" }
                if ($s.files -notcontains $target) { [void]$s.files.Add($target) }
            })
    }
}

function Remove-Item {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([Parameter(Position = 0)][string[]]$Path, [string[]]$LiteralPath, [switch]$Recurse, [switch]$Force)
    [void](SimMutate $PSCmdlet 'Remove-Item' { 'HvnSim: a generated script must never remove an item' })
}

# Windows path rules, whatever the test machine's separator is.
function Join-Path {
    [CmdletBinding()]
    param([Parameter(Mandatory = $true, Position = 0)][string[]]$Path, [Parameter(Mandatory = $true, Position = 1)][string]$ChildPath, [switch]$Resolve)
    foreach ($p in $Path) { $p.TrimEnd('\') + '\' + $ChildPath.TrimStart('\') }
}

function Split-Path {
    [CmdletBinding()]
    param([Parameter(Mandatory = $true, Position = 0)][string[]]$Path, [switch]$Parent, [switch]$Leaf, [switch]$Qualifier, [switch]$NoQualifier)
    foreach ($p in $Path) {
        $i = $p.TrimEnd('\').LastIndexOf('\')
        if ($Leaf) { $p.Substring($i + 1) } elseif ($i -lt 0) { '' } else { $p.Substring(0, $i) }
    }
}

# A transcript would write a file on the test machine; it changes nothing that
# the topology describes, so it is not a mutating call.
function Start-Transcript {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([Parameter(Position = 0)][string]$Path, [string]$LiteralPath, [switch]$Append, [switch]$Force, [switch]$NoClobber, [switch]$IncludeInvocationHeader)
    [void]$script:State.warnings.Add("Start-Transcript $Path")
}

function Stop-Transcript {
    [CmdletBinding()]
    param()
}

Export-ModuleMember -Function @(
    'Initialize-HvnSim', 'Save-HvnSim', 'Get-HvnSimState', 'Invoke-HvnSimRestart',
    'Get-CimInstance', 'Get-ComputerInfo', 'Get-WindowsFeature', 'Install-WindowsFeature', 'Get-WindowsOptionalFeature',
    'Enable-WindowsOptionalFeature', 'Restart-Computer', 'Stop-Computer', 'Start-Sleep',
    'Get-VMHost', 'Set-VMHost', 'Get-VMHostSupportedVersion', 'Get-VM', 'New-VM', 'Set-VM', 'Start-VM', 'Stop-VM',
    'Remove-VMSavedState', 'Update-VMVersion', 'Remove-VM', 'Get-VMSnapshot', 'Get-VMProcessor', 'Set-VMProcessor',
    'Get-VMMemory', 'Set-VMMemory', 'Get-VMNetworkAdapter', 'Set-VMNetworkAdapter', 'Rename-VMNetworkAdapter',
    'Connect-VMNetworkAdapter', 'Add-VMNetworkAdapter', 'Get-VMSwitch', 'New-VMSwitch', 'Remove-VMSwitch',
    'New-VHD', 'Get-VHD', 'Get-VMHardDiskDrive', 'Add-VMHardDiskDrive', 'Get-VMDvdDrive', 'Add-VMDvdDrive', 'Set-VMDvdDrive',
    'Get-VMFirmware', 'Set-VMFirmware', 'Get-VMIntegrationService', 'Enable-VMIntegrationService',
    'Get-NetAdapter', 'Rename-NetAdapter', 'Get-NetAdapterAdvancedProperty', 'Get-NetIPAddress', 'New-NetIPAddress',
    'Remove-NetIPAddress', 'Get-NetRoute', 'New-NetRoute', 'Get-DnsClientServerAddress', 'Set-DnsClientServerAddress',
    'Get-NetNat', 'New-NetNat', 'Remove-NetNat', 'Test-Path', 'Get-Item', 'New-Item', 'Copy-Item', 'Remove-Item',
    'Join-Path', 'Split-Path', 'Start-Transcript', 'Stop-Transcript'
)
