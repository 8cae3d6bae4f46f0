// Reading settings under `briefingDesk.*`: each feature's register function reads its own keys and hands its
// providers functions (`enabled: () => boolean`), so providers never read settings themselves.
import * as vscode from 'vscode';

/** Reads one setting of this extension, with its manifest default. */
export function setting<T>(name: string, scope?: vscode.ConfigurationScope): T {
  return vscode.workspace.getConfiguration('briefingDesk', scope).get<T>(name) as T;
}

/** Fires `listener` when any of `names` (relative to `briefingDesk.`) changes. */
export function onSettingChange(names: string[], listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (names.some((n) => e.affectsConfiguration(`briefingDesk.${n}`))) listener();
  });
}
