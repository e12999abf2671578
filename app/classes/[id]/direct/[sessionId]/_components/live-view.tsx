'use client';

import { useState } from 'react';
import { NodeTabs, shownNode } from '@/app/labs/[slug]/_components/node-tabs';
import { PortPreview } from '@/app/labs/[slug]/_components/port-preview';
import { Terminal } from '@/app/labs/[slug]/_components/terminal';
import { useDictionary } from '@/app/_i18n/locale-provider';
import styles from '../live-view.module.css';

/** The student's machines as tabs, the chosen one's terminal read-only, and its port preview. */
export function LiveView({ sessionId, nodes }: { sessionId: string; nodes: string[] }) {
  const [chosen, setChosen] = useState<string | null>(null);
  const node = shownNode(nodes, chosen);
  const { liveView } = useDictionary();
  return (
    <section className={styles.live} aria-label={liveView.terminalLabel}>
      <div className={styles.bar}>
        <NodeTabs nodes={nodes} selected={node} onSelect={setChosen} />
        <PortPreview sessionId={sessionId} node={node} />
      </div>
      <div className={styles.terminal}>
        <Terminal key={`${sessionId}/${node}`} sessionId={sessionId} node={node} watch />
      </div>
    </section>
  );
}
