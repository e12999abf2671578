'use client';

import { useDictionary } from '../../../_i18n/locale-provider';
import styles from './node-tabs.module.css';

interface NodeTabsProps {
  nodes: string[];
  selected: string;
  onSelect(node: string): void;
}

/** One tab per machine of a multi-node lab (nothing for a single machine): the student's and the watcher's. */
export function NodeTabs({ nodes, selected, onSelect }: NodeTabsProps) {
  const { sandbox } = useDictionary().lab;
  if (nodes.length < 2) return null;
  return (
    <div className={styles.tabs} role="tablist" aria-label={sandbox.machines}>
      {nodes.map((candidate) => (
        <button
          key={candidate}
          type="button"
          role="tab"
          aria-selected={candidate === selected}
          className={candidate === selected ? `${styles.tab} ${styles.tabActive}` : styles.tab}
          onClick={() => onSelect(candidate)}
        >
          {candidate}
        </button>
      ))}
    </div>
  );
}

/** The node to show: the chosen one while it exists, else the first. */
export function shownNode(nodes: string[], chosen: string | null): string {
  return chosen && nodes.includes(chosen) ? chosen : (nodes[0] ?? 'node1');
}
