<#
.SYNOPSIS
Static checks of generated scripts with PowerShell's own parser; writes JSON.

.DESCRIPTION
For every file: parse errors, syntax Windows PowerShell 5.1 rejects, aliases,
run-time code, network access, Windows-only .NET types, module-qualified or
dynamic command names, commands not defined in the script nor documented in
cmdlets.json, parameter names that are not full documented names, and calls whose
parameters fit no documented parameter set (with its mandatory parameters).

Splatting: into a documented cmdlet it is a finding (it would hide the parameter
names and sets from this check); into a function the script defines it is allowed
only from a variable assigned a hashtable literal with constant keys, and each key
must be a parameter of that function.

With markers, every occurrence of each marker must sit inside a single-quoted
string token whose value is exactly one of the values (the injection property), or
inside ('' + '...' + [char]N + '...'), the form the conventions give values with
control characters, whose value is exactly one of the values.

Output: a JSON array with one object per file: { path, findings: [ { rule, line,
column, message } ], literalHits }.
#>
param(
    # JSON: { "cmdletsPath": "...", "files": ["..."], "markers": ["..."], "values": ["..."], "shape": true }
    [Parameter(Mandatory = $true)][string]$RequestPath,
    # Where the JSON result goes; stdout when omitted.
    [string]$ResultPath
)
Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

$request = [System.IO.File]::ReadAllText($RequestPath) | ConvertFrom-Json -AsHashtable
$Path = @($request.files)
$Marker = @(if ($request.ContainsKey('markers')) { $request.markers })
$Value = @(if ($request.ContainsKey('values')) { $request.values })
$doc = [System.IO.File]::ReadAllText($request.cmdletsPath) | ConvertFrom-Json -AsHashtable
$cmdlets = [System.Collections.Generic.Dictionary[string, object]]::new([StringComparer]::OrdinalIgnoreCase)
foreach ($name in $doc.cmdlets.Keys) { $cmdlets[$name] = $doc.cmdlets[$name] }
$aliases = [System.Collections.Generic.Dictionary[string, string]]::new([StringComparer]::OrdinalIgnoreCase)
foreach ($name in $doc.aliases.Keys) { $aliases[$name] = $doc.aliases[$name] }
$common = [System.Collections.Generic.HashSet[string]]::new([string[]]$doc.commonParameterNames, [StringComparer]::OrdinalIgnoreCase)

# Cmdlets that reach the network or fetch code; Invoke-Expression and Add-Type
# compile text at run time. Several are not in cmdlets.json at all, which would
# already fail "unknown-command"; naming them gives a clearer message.
$forbiddenCommands = @{
    'Invoke-Expression'      = 'runs text as code'
    'Add-Type'               = 'compiles code at run time'
    'Invoke-WebRequest'      = 'reaches the network'
    'Invoke-RestMethod'      = 'reaches the network'
    'Start-BitsTransfer'     = 'reaches the network'
    'Install-Module'         = 'downloads from a gallery'
    'Install-Script'         = 'downloads from a gallery'
    'Install-Package'        = 'downloads from a gallery'
    'Install-PackageProvider' = 'downloads from a gallery'
    'Save-Module'            = 'downloads from a gallery'
    'Find-Module'            = 'reaches the network'
    'Update-Module'          = 'downloads from a gallery'
    'Register-PSRepository'  = 'configures a gallery'
    'Send-MailMessage'       = 'reaches the network'
    'New-WebServiceProxy'    = 'reaches the network'
    'Test-NetConnection'     = 'reaches the network'
    'Test-Connection'        = 'reaches the network'
    'Resolve-DnsName'        = 'reaches the network'
    'New-Module'             = 'builds code at run time'
    'Import-Module'          = 'loads code from outside the script'
}
$networkType = '(^|\.)(WebClient|HttpClient|HttpClientHandler|WebRequest|HttpWebRequest|FtpWebRequest|TcpClient|UdpClient|Sockets\..*|Dns)$'
# System.Management is WMI; System.Management.Automation is PowerShell itself.
$windowsOnlyType = '^(wmi|wmiclass|wmisearcher|adsi|adsisearcher|(System\.)?Security\.Principal\.Windows(Identity|Principal)|(System\.)?Management\.(?!Automation\.)\w+|(Microsoft\.)?Win32\.Registry(Key)?)$'

function New-Finding([string]$Rule, $Extent, [string]$Message) {
    if ($Extent -is [System.Management.Automation.Language.Ast]) { $Extent = $Extent.Extent }
    [ordered]@{ rule = $Rule; line = $Extent.StartLineNumber; column = $Extent.StartColumnNumber; message = $Message }
}

function Get-ScriptFunctions($Ast) {
    $functions = [System.Collections.Generic.Dictionary[string, object]]::new([StringComparer]::OrdinalIgnoreCase)
    foreach ($fn in $Ast.FindAll({ param($a) $a -is [System.Management.Automation.Language.FunctionDefinitionAst] }, $true)) {
        $names = [System.Collections.Generic.List[string]]::new()
        $advanced = $false
        $shouldProcess = $false
        if ($fn.Parameters) { foreach ($p in $fn.Parameters) { $names.Add($p.Name.VariablePath.UserPath) } }
        if ($fn.Body.ParamBlock) {
            foreach ($p in $fn.Body.ParamBlock.Parameters) {
                $names.Add($p.Name.VariablePath.UserPath)
                foreach ($attr in $p.Attributes) { if ($attr.TypeName.Name -eq 'Parameter') { $advanced = $true } }
            }
            foreach ($attr in $fn.Body.ParamBlock.Attributes) {
                if ($attr.TypeName.Name -eq 'CmdletBinding') {
                    $advanced = $true
                    foreach ($na in $attr.NamedArguments) {
                        if ($na.ArgumentName -eq 'SupportsShouldProcess') { $shouldProcess = $na.ExpressionOmitted -or $na.Argument.Extent.Text -ne '$false' }
                    }
                }
            }
        }
        $functions[$fn.Name] = @{ parameters = $names.ToArray(); advanced = $advanced; shouldProcess = $shouldProcess }
    }
    $functions
}

# Splatting is allowed only into functions the script defines, and only from a
# variable assigned a hashtable literal with constant keys, so the keys can be checked
# against the function's parameters (the emitter passes VM settings this way). A
# documented cmdlet is never splatted: its parameter names and sets must be visible.
function Get-SplattableHashtables($Ast) {
    $vars = @{}
    $bad = @{}
    foreach ($a in $Ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.AssignmentStatementAst] }, $true)) {
        if ($a.Left -isnot [System.Management.Automation.Language.VariableExpressionAst]) { continue }
        $var = $a.Left.VariablePath.UserPath
        $right = $a.Right
        if ($right -is [System.Management.Automation.Language.CommandExpressionAst]) { $right = $right.Expression }
        if ($right -isnot [System.Management.Automation.Language.HashtableAst]) { $bad[$var] = $true; continue }
        $keys = @()
        foreach ($pair in $right.KeyValuePairs) {
            if ($pair.Item1 -isnot [System.Management.Automation.Language.StringConstantExpressionAst]) { $bad[$var] = $true; break }
            $keys += $pair.Item1.Value
        }
        if (-not $vars.ContainsKey($var)) { $vars[$var] = @() }
        $vars[$var] += $keys
    }
    foreach ($k in $bad.Keys) { $vars.Remove($k) }
    $vars
}

# Splits a command's elements into named parameters (with whether a value was
# given) and positional arguments, using the documented switch flags to know
# whether "-Name value" consumes the next element.
function Split-CommandElements($CommandAst, $SwitchNames) {
    $named = @()
    $positional = 0
    $elements = $CommandAst.CommandElements
    for ($i = 1; $i -lt $elements.Count; $i++) {
        $e = $elements[$i]
        if ($e -is [System.Management.Automation.Language.CommandParameterAst]) {
            $named += $e
            $isSwitch = $SwitchNames -contains $e.ParameterName
            if (-not $e.Argument -and -not $isSwitch -and $i + 1 -lt $elements.Count -and
                $elements[$i + 1] -isnot [System.Management.Automation.Language.CommandParameterAst]) {
                $i++
            }
        }
        else { $positional++ }
    }
    @{ named = $named; positional = $positional }
}

$setCache = @{}
function Test-ParameterSets($Entry, [string[]]$Named, [int]$Positional, [bool]$Piped) {
    $key = "$($Entry.docPath)|$($Named -join ',')|$Positional|$Piped"
    if (-not $setCache.ContainsKey($key)) { $setCache[$key] = Test-ParameterSetsUncached $Entry $Named $Positional $Piped }
    $setCache[$key]
}

function Test-ParameterSetsUncached($Entry, [string[]]$Named, [int]$Positional, [bool]$Piped) {
    foreach ($set in $Entry.parameterSets) {
        $setNames = @($set.parameters | ForEach-Object { $_.name })
        $fits = $true
        foreach ($n in $Named) { if ($setNames -notcontains $n) { $fits = $false; break } }
        if (-not $fits) { continue }
        $free = @($set.parameters | Where-Object { $null -ne $_.position -and $Named -notcontains $_.name } | Sort-Object { $_.position })
        if ($Positional -gt $free.Count) { continue }
        $bound = @($Named) + @($free | Select-Object -First $Positional | ForEach-Object { $_.name })
        $missing = @($set.parameters | Where-Object {
                $_.mandatory -and $bound -notcontains $_.name -and -not ($Piped -and $_.pipelineInput.Count -gt 0)
            })
        if ($missing.Count -eq 0) { return $null }
    }
    $sets = ($Entry.parameterSets | ForEach-Object {
            $m = @($_.parameters | Where-Object { $_.mandatory } | ForEach-Object { '-' + $_.name })
            "$($_.name) (mandatory: $(if ($m) { $m -join ' ' } else { 'none' }))"
        }) -join '; '
    "documented sets: $sets"
}

# `& $Test` is allowed when $Test is a [scriptblock] parameter of the enclosing
# function: a string cannot bind to it, so the block is code written in the script.
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

$cmdletInfoCache = @{}
function Get-CmdletInfo([string]$Name, $Entry) {
    if ($cmdletInfoCache.ContainsKey($Name)) { return $cmdletInfoCache[$Name] }
    $paramInfo = [System.Collections.Generic.Dictionary[string, object]]::new([StringComparer]::OrdinalIgnoreCase)
    $aliasOf = [System.Collections.Generic.Dictionary[string, string]]::new([StringComparer]::OrdinalIgnoreCase)
    $switchNames = [System.Collections.Generic.List[string]]::new()
    foreach ($set in $Entry.parameterSets) {
        foreach ($p in $set.parameters) {
            $paramInfo[$p.name] = $p
            foreach ($a in $p.aliases) { $aliasOf[$a] = $p.name }
            if ($p.switch) { $switchNames.Add($p.name) }
        }
    }
    $switchNames.Add('Debug'); $switchNames.Add('Verbose')
    $info = @{ paramInfo = $paramInfo; aliasOf = $aliasOf; switchNames = @($switchNames) }
    $cmdletInfoCache[$Name] = $info
    $info
}

function Test-Command($CommandAst, $Functions, $Splattable) {
    $findings = @()
    $first = $CommandAst.CommandElements[0]
    if ($first -is [System.Management.Automation.Language.VariableExpressionAst] -and (Test-ScriptBlockParameter $CommandAst $first.VariablePath.UserPath)) {
        return , $findings
    }
    if ($first -isnot [System.Management.Automation.Language.StringConstantExpressionAst] -or
        $first.StringConstantType -ne 'BareWord') {
        return , (New-Finding 'dynamic-command' $first "command name '$($first.Extent.Text)' is not a literal name")
    }
    $name = $first.Value
    if ($CommandAst.InvocationOperator -eq 'Dot' -and -not $Functions.ContainsKey($name)) {
        $findings += New-Finding 'dynamic-command' $first "dot-sourcing '$name' runs code from outside the script"
    }
    if ($name.Contains('\')) {
        return , (New-Finding 'module-qualified' $first "module-qualified call '$name': call the command by its name")
    }
    $splats = @($CommandAst.CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.VariableExpressionAst] -and $_.Splatted })
    if ($Functions.ContainsKey($name)) {
        $fn = $Functions[$name]
        $allowed = @($fn.parameters)
        if ($fn.advanced) { $allowed += @($common) }
        if ($fn.shouldProcess) { $allowed += 'WhatIf', 'Confirm' }
        foreach ($e in $splats) {
            $var = $e.VariablePath.UserPath
            if (-not $Splattable.ContainsKey($var)) {
                $findings += New-Finding 'splatting' $e "splatting '$($e.Extent.Text)' into '$name': only a variable assigned a hashtable literal with constant keys can be splatted"
                continue
            }
            foreach ($key in $Splattable[$var]) {
                if ($allowed -notcontains $key) { $findings += New-Finding 'unknown-parameter' $e "'$name' (defined in the script) has no parameter named -$key (splatted from `$$var)" }
            }
        }
        foreach ($p in $CommandAst.CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.CommandParameterAst] }) {
            if ($allowed -notcontains $p.ParameterName) {
                $findings += New-Finding 'unknown-parameter' $p "'$name' (defined in the script) has no parameter named -$($p.ParameterName)"
            }
        }
        return , $findings
    }
    foreach ($e in $splats) {
        $findings += New-Finding 'splatting' $e "splatting '$($e.Extent.Text)' in a call of '$name': the parameter names of a documented cmdlet must be literal so they can be checked"
    }
    if ($aliases.ContainsKey($name)) {
        return , ($findings + (New-Finding 'alias' $first "alias '$name': call '$($aliases[$name])'"))
    }
    if ($forbiddenCommands.ContainsKey($name)) {
        return , ($findings + (New-Finding 'forbidden-command' $first "'$name' $($forbiddenCommands[$name])"))
    }
    if (-not $cmdlets.ContainsKey($name)) {
        return , ($findings + (New-Finding 'unknown-command' $first "'$name' is neither defined in the script nor documented in cmdlets.json"))
    }
    $entry = $cmdlets[$name]
    if ($name -eq 'New-Object') {
        foreach ($e in $CommandAst.CommandElements | Select-Object -Skip 1) {
            if ($e -is [System.Management.Automation.Language.CommandParameterAst] -and $e.ParameterName -eq 'ComObject') {
                $findings += New-Finding 'windows-only-type' $e 'New-Object -ComObject is Windows-only'
            }
            if ($e -is [System.Management.Automation.Language.StringConstantExpressionAst] -and $e.Value -match $networkType) {
                $findings += New-Finding 'network-type' $e "type '$($e.Value)' reaches the network"
            }
        }
    }
    $info = Get-CmdletInfo $name $entry
    $paramInfo = $info.paramInfo
    $switchNames = $info.switchNames
    $split = Split-CommandElements $CommandAst $switchNames
    $namedForSets = @()
    foreach ($p in $split.named) {
        $pn = $p.ParameterName
        if ($common.Contains($pn)) { continue }
        if ($paramInfo.ContainsKey($pn)) { $namedForSets += $paramInfo[$pn].name; continue }
        if ($info.aliasOf.ContainsKey($pn)) {
            $findings += New-Finding 'parameter-alias' $p "'$name -$pn' uses a parameter alias: write -$($info.aliasOf[$pn])"
            $namedForSets += $info.aliasOf[$pn]
            continue
        }
        $prefixOf = @($paramInfo.Keys + @($common) | Where-Object { $_ -like "$pn*" })
        $hint = if ($prefixOf.Count -gt 0) { ": abbreviations are not allowed, write -$($prefixOf[0])" } else { '' }
        $findings += New-Finding 'unknown-parameter' $p "'$name' has no documented parameter -$pn$hint"
    }
    if (-not ($findings | Where-Object { $_.rule -in 'unknown-parameter', 'splatting' })) {
        $piped = $false
        $pipeline = $CommandAst.Parent
        if ($pipeline -is [System.Management.Automation.Language.PipelineAst]) {
            $piped = [array]::IndexOf(@($pipeline.PipelineElements), $CommandAst) -gt 0
        }
        $problem = Test-ParameterSets $entry @($namedForSets | Select-Object -Unique) $split.positional $piped
        if ($problem) {
            $given = if ($namedForSets) { ($namedForSets | ForEach-Object { "-$_" }) -join ' ' } else { 'no named parameters' }
            $findings += New-Finding 'parameter-set' $CommandAst "'$name' with $given and $($split.positional) positional argument(s) fits no documented parameter set; $problem"
        }
    }
    , $findings
}

function Test-TypeName($TypeName, $Extent) {
    $n = $TypeName.FullName
    if ($n -match $networkType) { return New-Finding 'network-type' $Extent "type [$n] reaches the network" }
    if ($n -match $windowsOnlyType) { return New-Finding 'windows-only-type' $Extent "type [$n] is a Windows-only API" }
}

function Test-Syntax($Ast, $Tokens) {
    $findings = @()
    foreach ($node in $Ast.FindAll({ $true }, $true)) {
        if ($node -is [System.Management.Automation.Language.TernaryExpressionAst]) { $findings += New-Finding 'ps7-syntax' $node 'ternary operator ? : (PowerShell 7 only)'; continue }
        if ($node -is [System.Management.Automation.Language.PipelineChainAst]) { $findings += New-Finding 'ps7-syntax' $node 'pipeline chain && / || (PowerShell 7 only)'; continue }
        if ($node -is [System.Management.Automation.Language.BinaryExpressionAst]) {
            if ($node.Operator -eq 'QuestionQuestion') { $findings += New-Finding 'ps7-syntax' $node 'null-coalescing ?? (PowerShell 7 only)' }
            continue
        }
        if ($node -is [System.Management.Automation.Language.AssignmentStatementAst]) {
            if ($node.Operator -eq 'QuestionQuestionEquals') { $findings += New-Finding 'ps7-syntax' $node 'null-coalescing assignment ??= (PowerShell 7 only)' }
            continue
        }
        if ($node -is [System.Management.Automation.Language.MemberExpressionAst] -or $node -is [System.Management.Automation.Language.IndexExpressionAst]) {
            if ($node.NullConditional) { $findings += New-Finding 'ps7-syntax' $node 'null-conditional ?. or ?[] (PowerShell 7 only)' }
            if ($node -is [System.Management.Automation.Language.InvokeMemberExpressionAst] -and $node.Member -is [System.Management.Automation.Language.StringConstantExpressionAst]) {
                $member = $node.Member.Value
                if ($node.Expression -is [System.Management.Automation.Language.TypeExpressionAst] -and
                    $node.Expression.TypeName.FullName -match '^(System\.Management\.Automation\.)?ScriptBlock$' -and $member -eq 'Create') {
                    $findings += New-Finding 'runtime-code' $node '[scriptblock]::Create compiles text at run time'
                }
                if ($member -in 'NewScriptBlock', 'InvokeScript', 'ExpandString') {
                    $findings += New-Finding 'runtime-code' $node ".$member runs text as code"
                }
            }
            continue
        }
        if ($node -is [System.Management.Automation.Language.ScriptBlockAst]) {
            if ($node.PSObject.Properties['CleanBlock'] -and $node.CleanBlock) { $findings += New-Finding 'ps7-syntax' $node.CleanBlock 'clean block (PowerShell 7 only)' }
            continue
        }
        if ($node -is [System.Management.Automation.Language.TypeExpressionAst] -or $node -is [System.Management.Automation.Language.TypeConstraintAst]) {
            $f = Test-TypeName $node.TypeName $node.Extent
            if ($f) { $findings += $f }
        }
    }
    $req = $Ast.ScriptRequirements
    if ($req -and $req.RequiredPSVersion -and $req.RequiredPSVersion -gt [version]'5.1') {
        $findings += New-Finding 'ps7-syntax' $Ast "#Requires -Version $($req.RequiredPSVersion): Windows PowerShell 5.1 would refuse the script"
    }
    if ($req -and @($req.RequiredPSEditions) -contains 'Core') {
        $findings += New-Finding 'ps7-syntax' $Ast '#Requires -PSEdition Core: Windows PowerShell 5.1 would refuse the script'
    }
    foreach ($t in $Tokens) {
        if ($t.Kind -eq 'Pipe') {
            $before = $t.Extent.StartScriptPosition.Line.Substring(0, $t.Extent.StartColumnNumber - 1)
            if ($before.Trim() -eq '') { $findings += New-Finding 'ps7-syntax' $t.Extent 'line starts with | (PowerShell 7 only)' }
        }
    }
    , $findings
}

# The shape docs/script-conventions.md gives every generated script (with "shape": true).
function Test-Shape($Ast) {
    $findings = @()
    $at = [pscustomobject]@{ StartLineNumber = 1; StartColumnNumber = 1 }
    $req = $Ast.ScriptRequirements
    if (-not ($req -and $req.IsElevationRequired)) { $findings += New-Finding 'shape' $at 'no #Requires -RunAsAdministrator' }
    if (-not ($req -and $req.RequiredPSVersion -eq [version]'5.1')) { $findings += New-Finding 'shape' $at 'no #Requires -Version 5.1' }
    $binding = if ($Ast.ParamBlock) { @($Ast.ParamBlock.Attributes | Where-Object { $_.TypeName.Name -eq 'CmdletBinding' }) } else { @() }
    $shouldProcess = $binding | ForEach-Object { $_.NamedArguments } | Where-Object { $_.ArgumentName -eq 'SupportsShouldProcess' -and $_.Argument.Extent.Text -eq '$true' }
    if (-not $shouldProcess) { $findings += New-Finding 'shape' $at 'no [CmdletBinding(SupportsShouldProcess = $true)]' }
    $params = if ($Ast.ParamBlock) { @($Ast.ParamBlock.Parameters | ForEach-Object { $_.Name.VariablePath.UserPath }) } else { @() }
    foreach ($p in 'Verify', 'AllowRestart', 'AllowVmRestart') {
        if ($params -notcontains $p) { $findings += New-Finding 'shape' $at "no [switch]`$$p parameter" }
    }
    $top = @($Ast.EndBlock.Statements)
    $texts = @($top | ForEach-Object { $_.Extent.Text })
    if ($texts -notcontains 'Set-StrictMode -Version 2.0') { $findings += New-Finding 'shape' $at 'no Set-StrictMode -Version 2.0 at the top level' }
    if ($texts -notcontains "`$ErrorActionPreference = 'Stop'") { $findings += New-Finding 'shape' $at "no `$ErrorActionPreference = 'Stop' at the top level" }
    $build = @($top | Where-Object { $_ -is [System.Management.Automation.Language.AssignmentStatementAst] -and $_.Left.Extent.Text -eq '$HvnBuild' })
    $keys = if ($build) { @($build[0].Right.Expression.KeyValuePairs | ForEach-Object { $_.Item1.Extent.Text }) } else { @() }
    foreach ($k in 'Source', 'SourceSha256', 'Machine', 'Layer', 'Kind') {
        if ($keys -notcontains $k) { $findings += New-Finding 'shape' $at "`$HvnBuild lacks $k" }
    }
    $last = if ($top) { $top[-1] } else { $null }
    $exits = $last -is [System.Management.Automation.Language.ExitStatementAst] -or
        ($last -is [System.Management.Automation.Language.PipelineAst] -and $last.PipelineElements[0] -is [System.Management.Automation.Language.CommandExpressionAst] -and $last.Extent.Text -like 'exit *')
    if (-not $exits) { $findings += New-Finding 'shape' $at 'the script does not end with exit <code>' }
    , $findings
}

function Test-Bytes([byte[]]$Bytes, [string]$Text) {
    $findings = @()
    $at = [pscustomobject]@{ StartLineNumber = 1; StartColumnNumber = 1 }
    if (-not ($Bytes.Length -ge 3 -and $Bytes[0] -eq 0xEF -and $Bytes[1] -eq 0xBB -and $Bytes[2] -eq 0xBF)) {
        $findings += New-Finding 'bytes' $at 'no UTF-8 byte-order mark (Windows PowerShell 5.1 would read the file in the ANSI code page)'
    }
    $lines = $Text -split "`n"
    for ($i = 0; $i -lt $lines.Count; $i++) {
        $at = [pscustomobject]@{ StartLineNumber = $i + 1; StartColumnNumber = 1 }
        if ($lines[$i].EndsWith("`r")) { $findings += New-Finding 'bytes' $at 'CR LF line ending (the conventions say LF)'; break }
        if ($lines[$i] -match '[ \t]+$') { $findings += New-Finding 'bytes' $at 'trailing whitespace'; break }
    }
    if (-not $Text.EndsWith("`n")) { $findings += New-Finding 'bytes' $at 'no final newline' }
    , $findings
}

# The value of ('' + 'a' + [char]9 + 'b'): the form the conventions give values with
# control characters. $null for any other expression.
function Get-ControlCharacterValue($Ast) {
    $operands = [System.Collections.Generic.List[object]]::new()
    $stack = [System.Collections.Generic.Stack[object]]::new()
    $stack.Push($Ast)
    while ($stack.Count -gt 0) {
        $node = $stack.Pop()
        if ($node -is [System.Management.Automation.Language.BinaryExpressionAst] -and $node.Operator -eq 'Plus') {
            $stack.Push($node.Right); $stack.Push($node.Left)
        }
        else { $operands.Add($node) }
    }
    $text = [System.Text.StringBuilder]::new()
    $controls = 0
    foreach ($o in $operands) {
        if ($o -is [System.Management.Automation.Language.StringConstantExpressionAst] -and $o.StringConstantType -eq 'SingleQuoted') {
            [void]$text.Append($o.Value)
        }
        elseif ($o -is [System.Management.Automation.Language.ConvertExpressionAst] -and $o.Type.TypeName.FullName -eq 'char' -and
            $o.Child -is [System.Management.Automation.Language.ConstantExpressionAst] -and $o.Child.Value -is [int] -and
            [char]::IsControl([char]$o.Child.Value)) {
            [void]$text.Append([char]$o.Child.Value)
            $controls++
        }
        else { return $null }
    }
    if ($controls -eq 0) { return $null }
    $text.ToString()
}

function Test-Markers($Text, $Tokens, $Ast) {
    $findings = @()
    $hits = 0
    $chars = $Text.ToCharArray()
    $chains = $Ast.FindAll({ param($n)
            $n -is [System.Management.Automation.Language.BinaryExpressionAst] -and $n.Operator -eq 'Plus' -and
            -not ($n.Parent -is [System.Management.Automation.Language.BinaryExpressionAst] -and $n.Parent.Operator -eq 'Plus')
        }, $true)
    foreach ($chain in $chains) {
        $v = Get-ControlCharacterValue $chain
        if ($null -ne $v -and $Value -ccontains $v) {
            $hits++
            for ($i = $chain.Extent.StartOffset; $i -lt $chain.Extent.EndOffset; $i++) { $chars[$i] = ' ' }
        }
    }
    foreach ($t in $Tokens) {
        # A literal equal to a value, or a file name the emitter derives from one with
        # inert characters only (a VM 'Bob''s VM' gets the disk 'Bob_s_VM.vhdx').
        if ($t.Kind -eq 'StringLiteral' -and ($Value -ccontains $t.Value -or $t.Value -cmatch '^[A-Za-z0-9_.\-]+\.(vhdx|vhd|iso)$')) {
            $hits++
            for ($i = $t.Extent.StartOffset; $i -lt $t.Extent.EndOffset; $i++) { $chars[$i] = ' ' }
        }
    }
    $rest = [string]::new($chars)
    foreach ($m in $Marker) {
        $i = $rest.IndexOf($m, [StringComparison]::Ordinal)
        if ($i -ge 0) {
            $line = ($rest.Substring(0, $i) -split "`n").Count
            $findings += [ordered]@{ rule = 'value-leak'; line = $line; column = 1; message = "marker '$m' appears outside a single-quoted string whose value is exactly a topology value: $(($Text -split "`n")[$line - 1].Trim())" }
        }
    }
    @{ findings = $findings; hits = $hits }
}

$cleanCalls = [System.Collections.Generic.HashSet[string]]::new([StringComparer]::Ordinal)
function Get-CleanCallKey($CommandAst, $Functions) {
    $first = $CommandAst.CommandElements[0]
    if ($first -isnot [System.Management.Automation.Language.StringConstantExpressionAst]) { return $null }
    foreach ($e in $CommandAst.CommandElements) {
        if ($e -is [System.Management.Automation.Language.VariableExpressionAst] -and $e.Splatted) { return $null }
    }
    $piped = $CommandAst.Parent -is [System.Management.Automation.Language.PipelineAst] -and
        [array]::IndexOf(@($CommandAst.Parent.PipelineElements), $CommandAst) -gt 0
    $callee = if ($Functions.ContainsKey($first.Value)) { 'function:' + ($Functions[$first.Value].parameters -join ',') + ":$($Functions[$first.Value].advanced)" } else { 'command' }
    "$callee|$piped|$($CommandAst.Extent.Text)"
}

$results = foreach ($file in $Path) {
    $bytes = [System.IO.File]::ReadAllBytes($file)
    $text = [System.IO.File]::ReadAllText($file)
    $tokens = $null
    $errors = $null
    $ast = [System.Management.Automation.Language.Parser]::ParseInput($text, $file, [ref]$tokens, [ref]$errors)
    $findings = @()
    $findings += Test-Bytes $bytes $text
    foreach ($e in $errors) { $findings += New-Finding 'parse-error' $e.Extent $e.Message }
    $findings += Test-Syntax $ast $tokens
    if ($request.ContainsKey('shape') -and $request.shape) { $findings += Test-Shape $ast }
    $functions = Get-ScriptFunctions $ast
    $splattable = Get-SplattableHashtables $ast
    foreach ($cmd in $ast.FindAll({ param($a) $a -is [System.Management.Automation.Language.CommandAst] }, $true)) {
        # Scripts share their runtime library, so most calls recur verbatim: a call
        # found clean once (same text, same callee, same pipeline position) is clean.
        $key = Get-CleanCallKey $cmd $functions
        if ($key -and $cleanCalls.Contains($key)) { continue }
        $found = Test-Command $cmd $functions $splattable
        $findings += $found
        if ($key -and $found.Count -eq 0) { [void]$cleanCalls.Add($key) }
    }
    $hits = 0
    if ($Marker.Count -gt 0) {
        $m = Test-Markers $text $tokens $ast
        $findings += $m.findings
        $hits = $m.hits
    }
    [ordered]@{ path = $file; findings = @($findings); literalHits = $hits }
}
$json = ConvertTo-Json -InputObject @($results) -Depth 6 -Compress
if ($ResultPath) { [System.IO.File]::WriteAllText($ResultPath, $json) } else { $json }
