import { Tabs } from 'antd'
import { PageHeader } from '../components/page-header.tsx'
import { useMe } from '../lib/session.tsx'
import { useUrlParams } from '../lib/url-params.ts'
import { AssessmentEntries } from './assessment-entries.tsx'
import { AssessmentRankings } from './assessment-rankings.tsx'
import { AssessmentSchemes } from './assessment-schemes.tsx'

/**
 * 考核排名 (policy 四.3): 司法所、执法中队分别考核与辖区整体工作考核相结合，平时考核与年底考核相结合，
 * 业务考核与协调配合情况考核相结合. Rankings for everyone assessed (once published); the schemes, the
 * year-end entries and accountability for the bureau and its leaders.
 */
export default function AssessmentPage() {
  const me = useMe()
  const { params, update } = useUrlParams()
  const everything = me.role === 'bureauAdmin' || me.role === 'bureauLeader'
  const tab = everything ? (params.get('tab') ?? 'rankings') : 'rankings'
  return (
    <>
      <PageHeader
        title="考核排名"
        subtitle="司法所、执法中队分别考核与辖区整体工作考核相结合，平时考核与年底考核相结合，业务考核与协调配合情况考核相结合"
      />
      {everything ? (
        <Tabs
          activeKey={tab}
          onChange={(k) => update({ tab: k })}
          items={[
            {
              key: 'rankings',
              label: '考核排名',
              children: tab === 'rankings' ? <AssessmentRankings /> : null,
            },
            { key: 'schemes', label: '考核方案', children: tab === 'schemes' ? <AssessmentSchemes /> : null },
            {
              key: 'entries',
              label: '年底考核与问责',
              children: tab === 'entries' ? <AssessmentEntries /> : null,
            },
          ]}
        />
      ) : (
        <AssessmentRankings />
      )}
    </>
  )
}
