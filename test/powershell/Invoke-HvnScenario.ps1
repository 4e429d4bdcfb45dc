<#
.SYNOPSIS
Runs many scenarios (generated scripts on simulated machines) in one pwsh process.

.DESCRIPTION
Reads a JSON request: { "scenarios": [ { "id", "script", "statePath", "state",
"steps": [ ... ] } ] } and writes a JSON array of results to -ResultPath.

Steps:
  { "action": "run", "args": { "WhatIf": true, "Verify": true, ... }, "faultAt": N }
  { "action": "restart" }                    the simulated machine restarts
  { "action": "patch", "path": ["vms", 0, "processorCount"], "value": 1 }
                                             a change behind the script's back
Each run reports its exit code (null when a terminating error escaped the script),
its output lines, the mutating calls it made and any escaped error. Each scenario
reports the state after its last step.

Before running anything the script is parsed; it is refused (and not run) unless
every command it calls is a literal name of a function it defines, a function of
the simulator, or a harmless built-in. This keeps a faulty script from reaching
the real commands of this machine (Restart-Computer exists on Linux too).
#>
param(
    [Parameter(Mandatory = $true)][string]$RequestPath,
    [Parameter(Mandatory = $true)][string]$ResultPath
)
Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

$module = Import-Module -Name (Join-Path $PSScriptRoot 'HvnSim.psm1') -Force -PassThru
$simCommands = [System.Collections.Generic.HashSet[string]]::new([string[]]@($module.ExportedFunctions.Keys), [StringComparer]::OrdinalIgnoreCase)
$harmless = [System.Collections.Generic.HashSet[string]]::new([string[]]@(
        'Write-Host', 'Write-Output', 'Write-Warning', 'Write-Error', 'Write-Verbose', 'Write-Debug', 'Write-Information',
        'Where-Object', 'ForEach-Object', 'Select-Object', 'Sort-Object', 'Measure-Object', 'Group-Object',
        'Out-Null', 'Out-String', 'Get-Command', 'Set-StrictMode', 'Compare-Object'
    ), [StringComparer]::OrdinalIgnoreCase)
# Static .NET calls a script may make here: pure functions only, nothing that touches
# this machine's files, processes or network.
$pureTypes = '^(System\.)?(String|Math|Version|Char|Int32|Int64|UInt32|UInt64|Boolean|Guid|Convert|Array|TimeSpan|Net\.IPAddress|Text\.RegularExpressions\.Regex|Management\.Automation\.WildcardPattern)$|^(string|math|version|char|int|long|bool|guid|convert|array|timespan|ipaddress|regex|WildcardPattern)$'

# Without root, `#Requires -RunAsAdministrator` stops the script on Linux; the run
# then uses a copy without that line (the static checks still see the original).
$isRoot = -not $IsLinux -or ((& id -u) -eq '0')

function Test-ScriptBlockParameter($CommandAst, [string]$Name) {
    $node = $CommandAst.Parent
    while ($node -and $node -isnot [System.Management.Automation.Language.FunctionDefinitionAst]) { $node = $node.Parent }
    if (-not $node) { return $false }
    $params = @()
    if ($node.Parameters) { $params += $node.Parameters }
    if ($node.Body.ParamBlock) { $params += $node.Body.ParamBlock.Parameters }
    foreach ($p in $params) {
        if ($p.Name.VariablePath.UserPath -eq $Name -and $p.StaticType -eq [scriptblock]) { return $true }
    }
    $false
}

function Test-Runnable([string]$Path) {
    $tokens = $null; $errors = $null
    $ast = [System.Management.Automation.Language.Parser]::ParseFile($Path, [ref]$tokens, [ref]$errors)
    if ($errors) { return "parse error: $($errors[0].Message)" }
    foreach ($call in $ast.FindAll({ param($a) $a -is [System.Management.Automation.Language.InvokeMemberExpressionAst] -and $a.Static }, $true)) {
        if ($call.Expression -isnot [System.Management.Automation.Language.TypeExpressionAst] -or $call.Expression.TypeName.FullName -notmatch $pureTypes) {
            return "line $($call.Extent.StartLineNumber): static call '$($call.Extent.Text)' could reach this machine"
        }
    }
    $defined = @($ast.FindAll({ param($a) $a -is [System.Management.Automation.Language.FunctionDefinitionAst] }, $true) | ForEach-Object { $_.Name })
    foreach ($cmd in $ast.FindAll({ param($a) $a -is [System.Management.Automation.Language.CommandAst] }, $true)) {
        $first = $cmd.CommandElements[0]
        if ($first -is [System.Management.Automation.Language.VariableExpressionAst] -and (Test-ScriptBlockParameter $cmd $first.VariablePath.UserPath)) { continue }
        $name = $cmd.GetCommandName()
        if (-not $name -or $name.Contains('\')) { return "line $($cmd.Extent.StartLineNumber): command '$($cmd.CommandElements[0].Extent.Text)' is not a plain name" }
        if ($defined -notcontains $name -and -not $simCommands.Contains($name) -and -not $harmless.Contains($name)) {
            return "line $($cmd.Extent.StartLineNumber): '$name' is neither defined in the script, simulated, nor a harmless built-in"
        }
    }
    $null
}

function Set-StatePath($State, [object[]]$Path, $Value) {
    $target = $State
    for ($i = 0; $i -lt $Path.Count - 1; $i++) { $target = $target[$Path[$i]] }
    $target[$Path[-1]] = $Value
}

function Invoke-Run($Step, [string]$ScriptPath) {
    $state = Get-HvnSimState
    # faultAt counts the mutating calls of this run, from 1.
    $state.faultAt = if ($Step.ContainsKey('faultAt') -and $Step.faultAt) { $state.mutations + [int]$Step.faultAt } else { 0 }
    $firstCall = $state.calls.Count
    Save-HvnSim
    $splat = @{}
    if ($Step.ContainsKey('args') -and $Step.args) { foreach ($k in $Step.args.Keys) { $splat[$k] = $Step.args[$k] } }
    $global:LASTEXITCODE = -999
    $lines = [System.Collections.Generic.List[string]]::new()
    $escaped = $null
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    try {
        $ErrorActionPreference = 'Continue'
        & $ScriptPath @splat *>&1 | ForEach-Object {
            $r = $_
            $text = switch ($r) {
                { $_ -is [System.Management.Automation.ErrorRecord] } { "ERROR: $r"; break }
                { $_ -is [System.Management.Automation.WarningRecord] } { "WARNING: $($r.Message)"; break }
                { $_ -is [System.Management.Automation.VerboseRecord] } { "VERBOSE: $($r.Message)"; break }
                { $_ -is [System.Management.Automation.InformationRecord] } { [string]$r.MessageData; break }
                default { [string]$r }
            }
            foreach ($l in ($text -split "`r?`n")) { $lines.Add($l) }
        }
    }
    catch {
        $escaped = "$($_.Exception.Message) (at $($_.InvocationInfo.PositionMessage))"
    }
    finally {
        $ErrorActionPreference = 'Stop'
    }
    $code = if ($escaped) { $null } else { $global:LASTEXITCODE }
    $ms = $clock.ElapsedMilliseconds
    $state = Get-HvnSimState
    $calls = @(for ($i = $firstCall; $i -lt $state.calls.Count; $i++) { $state.calls[$i] })
    $state.faultAt = 0
    Save-HvnSim
    $snapshot = @{}
    foreach ($k in $state.Keys) { if ($k -ne 'calls') { $snapshot[$k] = $state[$k] } }
    [ordered]@{ exitCode = $code; output = @($lines); mutatingCalls = $calls; escapedError = $escaped; restartRequested = [bool]$state.restartRequested; ms = $ms; state = ($snapshot | ConvertTo-Json -Depth 12 -Compress) }
}

$request = [System.IO.File]::ReadAllText($RequestPath) | ConvertFrom-Json -AsHashtable
$results = foreach ($scenario in $request.scenarios) {
    $result = [ordered]@{ id = $scenario.id; refused = $null; runs = @(); state = $null }
    $refusal = Test-Runnable $scenario.script
    if ($refusal) { $result.refused = $refusal; $result; continue }
    $scriptPath = $scenario.script
    if (-not $isRoot) {
        $scriptPath = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), "hvn-" + [guid]::NewGuid() + ".ps1")
        $text = [System.IO.File]::ReadAllText($scenario.script) -replace '(?m)^#Requires -RunAsAdministrator\r?$', ''
        [System.IO.File]::WriteAllText($scriptPath, $text, [System.Text.UTF8Encoding]::new($true))
    }
    [System.IO.File]::WriteAllText($scenario.statePath, (ConvertTo-Json -InputObject $scenario.state -Depth 12))
    Initialize-HvnSim -StatePath $scenario.statePath
    $runs = @()
    foreach ($step in $scenario.steps) {
        switch ($step.action) {
            'run' { $runs += , (Invoke-Run $step $scriptPath) }
            'restart' { Invoke-HvnSimRestart }
            'patch' { Set-StatePath (Get-HvnSimState) $step.path $step.value; Save-HvnSim }
            default { throw "unknown step action '$($step.action)'" }
        }
    }
    $result.runs = $runs
    $final = Get-HvnSimState
    $final.Remove('calls')
    $result.state = $final
    if ($scriptPath -ne $scenario.script) { [System.IO.File]::Delete($scriptPath) }
    $result
}
[System.IO.File]::WriteAllText($ResultPath, (ConvertTo-Json -InputObject @($results) -Depth 14))
