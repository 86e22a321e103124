<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>AdminPage</name>
    <message>
        <source>(any)</source>
        <translation>（任意）</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
</context>
<context>
    <name>AdminWindow</name>
    <message>
        <source>Administration – {name}</source>
        <translation>系统管理 – {name}</translation>
    </message>
    <message>
        <source>Staff and roles</source>
        <translation>人员与角色</translation>
    </message>
    <message>
        <source>Departments and receivers</source>
        <translation>部门与承接人</translation>
    </message>
    <message>
        <source>Areas</source>
        <translation>片区</translation>
    </message>
    <message>
        <source>Routing rules</source>
        <translation>派单规则</translation>
    </message>
    <message>
        <source>Kinds and catalogue</source>
        <translation>类型与服务目录</translation>
    </message>
    <message>
        <source>Time limits and priority</source>
        <translation>时限策略与优先级矩阵</translation>
    </message>
    <message>
        <source>Working calendar</source>
        <translation>工作日历</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>通知设置</translation>
    </message>
    <message>
        <source>Closing once the work in progress is done…</source>
        <translation>正在进行的工作完成后将关闭窗口…</translation>
    </message>
</context>
<context>
    <name>AreasPage</name>
    <message>
        <source>Areas (片区) of the service territory. Renaming one renames it in the routing rules too; tickets filed earlier keep the name they had.</source>
        <translation>服务区域内的片区。改名后派单规则中的片区名随之更改；已受理的工单保留原名。</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Code:</source>
        <translation>代码：</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>New area</source>
        <translation>新建片区</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>片区</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>CalendarPage</name>
    <message>
        <source>{day} is now a working day.</source>
        <translation>{day} 已设为工作日。</translation>
    </message>
    <message>
        <source>{day} is now a day off.</source>
        <translation>{day} 已设为休息日。</translation>
    </message>
    <message>
        <source>{day} follows the official calendar again.</source>
        <translation>{day} 已恢复按官方日历。</translation>
    </message>
    <message>
        <source>Cannot read {file}: {error}</source>
        <translation>无法读取 {file}：{error}</translation>
    </message>
    <message>
        <source>Cannot read the schedule: {error}</source>
        <translation>无法识别放假安排：{error}</translation>
    </message>
    <message>
        <source>A schedule file holds the days of one year; this one has {years}.</source>
        <translation>一个放假安排文件只能包含一个年度的日期；此文件包含：{years}。</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Imported the official schedule of {year}: {off} days off, {work} adjusted working days.</source>
        <translation>已导入 {year} 年官方放假安排：休息 {off} 天，调休上班 {work} 天。</translation>
    </message>
    <message>
        <source>Import official schedule…</source>
        <translation>导入官方放假安排…</translation>
    </message>
    <message>
        <source>A text file with one line per day: 2027-02-06,休,春节 or 2027-02-20,班,调休上班 (Ctrl+I)</source>
        <translation>文本文件，每行一天：2027-02-06,休,春节 或 2027-02-20,班,调休上班（Ctrl+I）</translation>
    </message>
    <message>
        <source>Previous year</source>
        <translation>上一年</translation>
    </message>
    <message>
        <source>Next year</source>
        <translation>下一年</translation>
    </message>
    <message>
        <source>Holiday</source>
        <translation>节假日</translation>
    </message>
    <message>
        <source>Adjusted working day</source>
        <translation>调休上班</translation>
    </message>
    <message>
        <source>Weekend</source>
        <translation>周末</translation>
    </message>
    <message>
        <source>Set by the administrator</source>
        <translation>管理员设定</translation>
    </message>
    <message>
        <source>Selected day</source>
        <translation>所选日期</translation>
    </message>
    <message>
        <source>Note, e.g. 临时停工 or 春节</source>
        <translation>备注，如 临时停工、春节</translation>
    </message>
    <message>
        <source>Working day</source>
        <translation>工作日</translation>
    </message>
    <message>
        <source>Day off</source>
        <translation>休息日</translation>
    </message>
    <message>
        <source>Clear override</source>
        <translation>取消设定</translation>
    </message>
    <message>
        <source>Office hours</source>
        <translation>办公时间</translation>
    </message>
    <message>
        <source>Working-hour limits (wh) count only these hours of working days, e.g. 08:30-12:00,13:30-17:30.</source>
        <translation>按工作小时（wh）计的时限只计工作日的这些时段，如 08:30-12:00,13:30-17:30。</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Official schedule (imported)</source>
        <translation>官方放假安排（已导入）</translation>
    </message>
    <message>
        <source>Official schedule</source>
        <translation>官方放假安排</translation>
    </message>
    <message>
        <source>暂定 provisional</source>
        <translation>暂定</translation>
    </message>
    <message>
        <source>暂定: {year}'s official holiday schedule is not in the calendar yet. Its holidays (hatched) are computed by the statutory rule and no adjusted working days (调休上班) are known, so deadlines in {year} are provisional. Import the schedule as soon as the State Council publishes it.</source>
        <translation>暂定：日历中还没有 {year} 年的官方放假安排。节假日（斜线）按法定规则推算，调休上班日未知，{year} 年的时限均为暂定。国务院办公厅公布后请立即导入。</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>星期</translation>
    </message>
    <message>
        <source>Set to</source>
        <translation>设为</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Click a day in the calendar</source>
        <translation>请在日历中点选日期</translation>
    </message>
    <message>
        <source>Recomputing the deadlines of open tickets…</source>
        <translation>正在重新计算未结工单的时限…</translation>
    </message>
    <message>
        <source>{n} open tickets got new deadlines.</source>
        <translation>{n} 张未结工单的时限已更新。</translation>
    </message>
    <message>
        <source>The change failed: {error}</source>
        <translation>修改失败：{error}</translation>
    </message>
    <message>
        <source>Import official schedule</source>
        <translation>导入官方放假安排</translation>
    </message>
    <message>
        <source>Schedule files (*.txt *.csv);;All files (*)</source>
        <translation>放假安排 (*.txt *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Office hours saved.</source>
        <translation>办公时间已保存。</translation>
    </message>
</context>
<context>
    <name>DepartmentsPage</name>
    <message>
        <source>Each department has exactly one receiver (部门承接人), who accepts or returns every ticket dispatched to it. Red: the named receiver left the department or may no longer accept tickets.</source>
        <translation>每个部门有且只有一名部门承接人，负责接单或退回派到本部门的工单。红色：承接人已离开该部门或不能再接单。</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Code:</source>
        <translation>代码：</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>电话：</translation>
    </message>
    <message>
        <source>Receiver:</source>
        <translation>承接人：</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Members:</source>
        <translation>成员：</translation>
    </message>
    <message>
        <source>Active (can receive tickets)</source>
        <translation>启用（可接收工单）</translation>
    </message>
    <message>
        <source>made up when left empty</source>
        <translation>留空则自动生成</translation>
    </message>
    <message>
        <source>New department</source>
        <translation>新建部门</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Receiver</source>
        <translation>承接人</translation>
    </message>
    <message>
        <source>Leader</source>
        <translation>部门主管</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>Open tickets</source>
        <translation>在办工单</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>(named once the department has members)</source>
        <translation>（部门有成员后再指定）</translation>
    </message>
    <message>
        <source>{name} is no longer an active member who may accept tickets: name another receiver.</source>
        <translation>{name} 已不是可接单的在职成员：请另行指定承接人。</translation>
    </message>
    <message>
        <source>No receiver: tickets cannot be dispatched here.</source>
        <translation>没有承接人：无法向本部门派单。</translation>
    </message>
</context>
<context>
    <name>DeskError</name>
    <message>
        <source>{error}</source>
        <translation>{error}</translation>
    </message>
    <message>
        <source>Not allowed: {role} may not do “{action}” here.</source>
        <translation>无权操作：{role}不能在此“{action}”。</translation>
    </message>
    <message>
        <source>This field is required.</source>
        <translation>此项必填。</translation>
    </message>
    <message>
        <source>At most {limit} characters.</source>
        <translation>最多 {limit} 个字符。</translation>
    </message>
    <message>
        <source>{count} active routing rules use it: change or deactivate them first.</source>
        <translation>有 {count} 条启用的派单规则在使用它：请先修改或停用这些规则。</translation>
    </message>
    <message>
        <source>No department with id {id}.</source>
        <translation>没有编号为 {id} 的部门。</translation>
    </message>
    <message>
        <source>{name} already exists.</source>
        <translation>“{name}”已存在。</translation>
    </message>
    <message>
        <source>A code has no spaces.</source>
        <translation>代码不能包含空格。</translation>
    </message>
    <message>
        <source>Choose the receiver.</source>
        <translation>请选择承接人。</translation>
    </message>
    <message>
        <source>{name} is not an active member of this department.</source>
        <translation>{name} 不是本部门的在职成员。</translation>
    </message>
    <message>
        <source>{name} is {role} and may not accept tickets.</source>
        <translation>{name} 是{role}，不能接单。</translation>
    </message>
    <message>
        <source>No area with id {id}.</source>
        <translation>没有编号为 {id} 的片区。</translation>
    </message>
    <message>
        <source>Choose a ticket kind.</source>
        <translation>请选择工单类型。</translation>
    </message>
    <message>
        <source>No catalogue entry with id {id}.</source>
        <translation>没有编号为 {id} 的服务目录项。</translation>
    </message>
    <message>
        <source>Choose a department.</source>
        <translation>请选择部门。</translation>
    </message>
    <message>
        <source>{name} is not in the service catalogue of {kind}.</source>
        <translation>“{name}”不在{kind}的服务目录中。</translation>
    </message>
    <message>
        <source>{name} is not an active area.</source>
        <translation>“{name}”不是启用的片区。</translation>
    </message>
    <message>
        <source>Choose where the problem is.</source>
        <translation>请选择问题所在区域。</translation>
    </message>
    <message>
        <source>Rule {position} already has exactly these conditions.</source>
        <translation>第 {position} 条规则的条件与此完全相同。</translation>
    </message>
    <message>
        <source>No routing rule with id {id}.</source>
        <translation>没有编号为 {id} 的派单规则。</translation>
    </message>
    <message>
        <source>Unknown approval step.</source>
        <translation>未知的审批环节。</translation>
    </message>
    <message>
        <source>No time-limit policy with id {id}.</source>
        <translation>没有编号为 {id} 的时限策略。</translation>
    </message>
    <message>
        <source>“{text}” is not a time limit: write a number and a unit, m, h, wh (working hours), wd (working days) or d, e.g. 3wd.</source>
        <translation>“{text}”不是有效的时限：请写数字加单位 m（分钟）、h（小时）、wh（工作小时）、wd（工作日）或 d（天），如 3wd。</translation>
    </message>
    <message>
        <source>Unknown clock {kind}.</source>
        <translation>未知的时限种类 {kind}。</translation>
    </message>
    <message>
        <source>A policy needs at least one time limit or the priority matrix.</source>
        <translation>策略至少需要一项时限，或使用优先级矩阵。</translation>
    </message>
    <message>
        <source>At least one active policy must apply to every ticket.</source>
        <translation>必须保留至少一条适用于所有工单的启用策略。</translation>
    </message>
    <message>
        <source>Unknown matrix cell {cell}.</source>
        <translation>未知的矩阵单元 {cell}。</translation>
    </message>
    <message>
        <source>Choose a priority from P1 to P5.</source>
        <translation>请选择 P1 至 P5 的优先级。</translation>
    </message>
    <message>
        <source>Unknown priority {level}.</source>
        <translation>未知的优先级 {level}。</translation>
    </message>
    <message>
        <source>Give a share above 0 and at most 100 %.</source>
        <translation>请填写大于 0、不超过 100% 的比例。</translation>
    </message>
</context>
<context>
    <name>KindsPage</name>
    <message>
        <source>New entry, e.g. 覆盖类</source>
        <translation>新目录项，如 覆盖类</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Rename to the text above</source>
        <translation>改名为上面的文字</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Every ticket</source>
        <translation>所有工单</translation>
    </message>
    <message>
        <source>Sensitive tickets also</source>
        <translation>敏感工单追加</translation>
    </message>
    <message>
        <source>After the receiver drafts the solution the ticket takes these steps in this order. Sensitive tickets (public opinion, media, major complaints) also take the right-hand column.</source>
        <translation>承接人拟定处理意见后，工单依次经过这些环节。敏感工单（舆情、媒体、重大投诉）还要经过右列的环节。</translation>
    </message>
    <message>
        <source>Approval steps become available with the approval workflow.</source>
        <translation>审批流程上线后可在此设置审批环节。</translation>
    </message>
    <message>
        <source>Save steps</source>
        <translation>保存审批环节</translation>
    </message>
    <message>
        <source>Restore the procedure's default</source>
        <translation>恢复制度默认</translation>
    </message>
    <message>
        <source>Service catalogue: {kind}</source>
        <translation>服务目录：{kind}</translation>
    </message>
    <message>
        <source>Approval steps: {kind}</source>
        <translation>审批环节：{kind}</translation>
    </message>
    <message>
        <source>{name} (inactive)</source>
        <translation>{name}（停用）</translation>
    </message>
    <message>
        <source>Activate</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Configured by the administrator.</source>
        <translation>管理员已设定。</translation>
    </message>
    <message>
        <source>The procedure's default.</source>
        <translation>制度默认。</translation>
    </message>
    <message>
        <source>no approval</source>
        <translation>无需审批</translation>
    </message>
    <message>
        <source>Ordinary: {ordinary}
Sensitive: {sensitive}</source>
        <translation>普通工单：{ordinary}
敏感工单：{sensitive}</translation>
    </message>
</context>
<context>
    <name>NotifyPage</name>
    <message>
        <source>E-mail (SMTP)</source>
        <translation>电子邮件（SMTP）</translation>
    </message>
    <message>
        <source>Send e-mail:</source>
        <translation>发送邮件：</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>服务器：</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>端口：</translation>
    </message>
    <message>
        <source>Sender address:</source>
        <translation>发件地址：</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>用户名：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Encrypt with STARTTLS</source>
        <translation>使用 STARTTLS 加密</translation>
    </message>
    <message>
        <source>empty: no sign-in</source>
        <translation>留空：不登录</translation>
    </message>
    <message>
        <source>SMS gateway (HTTP)</source>
        <translation>短信网关（HTTP）</translation>
    </message>
    <message>
        <source>Send SMS:</source>
        <translation>发送短信：</translation>
    </message>
    <message>
        <source>Gateway URL:</source>
        <translation>网关地址：</translation>
    </message>
    <message>
        <source>Request body:</source>
        <translation>请求内容：</translation>
    </message>
    <message>
        <source>{phone} and {text} are filled in; JSON and form bodies are escaped as such.</source>
        <translation>{phone} 和 {text} 会被替换；JSON 和表单格式按相应规则转义。</translation>
    </message>
    <message>
        <source>What goes out by e-mail and SMS</source>
        <translation>哪些通知同时发送邮件和短信</translation>
    </message>
    <message>
        <source>Every kind of notice (also kinds added later)</source>
        <translation>所有通知（包括以后新增的种类）</translation>
    </message>
    <message>
        <source>In-app notices always appear. Staff get e-mail or SMS only where their account has an address or a mobile number.</source>
        <translation>系统内通知总会显示。只有账号填写了邮箱或手机号的人员才会收到邮件或短信。</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>Sends one message with the settings above, saved or not.</source>
        <translation>用上面的设置（无论是否已保存）发送一条消息。</translation>
    </message>
    <message>
        <source>e-mail address or mobile number</source>
        <translation>邮箱或手机号</translation>
    </message>
    <message>
        <source>Send test message</source>
        <translation>发送测试消息</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Undo changes</source>
        <translation>撤销修改</translation>
    </message>
    <message>
        <source>A limit is approaching</source>
        <translation>时限即将到期</translation>
    </message>
    <message>
        <source>A limit is overdue</source>
        <translation>时限已超时</translation>
    </message>
    <message>
        <source>A complaint is escalated</source>
        <translation>投诉升级</translation>
    </message>
    <message>
        <source>Ticket: {action}</source>
        <translation>工单：{action}</translation>
    </message>
    <message>
        <source>stored; type to replace</source>
        <translation>已保存；输入新密码以替换</translation>
    </message>
    <message>
        <source>empty: no password</source>
        <translation>留空：无密码</translation>
    </message>
    <message>
        <source>Give an e-mail address or a mobile number.</source>
        <translation>请填写邮箱或手机号。</translation>
    </message>
    <message>
        <source>Enable and fill in {channel} first.</source>
        <translation>请先启用并填写{channel}设置。</translation>
    </message>
    <message>
        <source>e-mail</source>
        <translation>邮件</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>短信</translation>
    </message>
    <message>
        <source>工单台 test message</source>
        <translation>工单台测试消息</translation>
    </message>
    <message>
        <source>This is a test message from 工单台. If you read it, the settings work.</source>
        <translation>这是工单台发送的测试消息。收到即说明设置正确。</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>正在发送…</translation>
    </message>
    <message>
        <source>Sent to {address}.</source>
        <translation>已发送至 {address}。</translation>
    </message>
    <message>
        <source>Not sent: {error}</source>
        <translation>发送失败：{error}</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>Reset password</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <source>New password for {person}. They must choose their own at the next sign-in.</source>
        <translation>为 {person} 设置新密码。下次登录时须自行修改。</translation>
    </message>
    <message>
        <source>New password:</source>
        <translation>新密码：</translation>
    </message>
    <message>
        <source>Repeat:</source>
        <translation>再次输入：</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>随机生成</translation>
    </message>
    <message>
        <source>Set password</source>
        <translation>设置密码</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>PoliciesPage</name>
    <message>
        <source>Limits: m minutes, h hours (24 h hotlines), wh working hours, wd working days (the day of acceptance does not count), d calendar days — e.g. 20m, 4h, 4wh, 3wd. Changes apply to tickets created from now on; running clocks keep the limits they started with.</source>
        <translation>时限单位：m 分钟，h 小时（24 小时热线），wh 工作小时，wd 工作日（受理当日不计），d 自然日——如 20m、4h、4wh、3wd。修改只对此后受理的工单生效，正在计时的时限保持不变。</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Applies to:</source>
        <translation>适用于：</translation>
    </message>
    <message>
        <source>Priority:</source>
        <translation>优先级：</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>{clock}:</source>
        <translation>{clock}：</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Also run the priority matrix's response and resolution limits</source>
        <translation>同时使用优先级矩阵的响应和办结时限</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Save policy</source>
        <translation>保存策略</translation>
    </message>
    <message>
        <source>A limit left empty is not run; the policy's own limits win over the priority matrix's.</source>
        <translation>留空的时限不计时；策略自身的时限优先于优先级矩阵。</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Urgency × impact → priority</source>
        <translation>紧急程度 × 影响范围 → 优先级</translation>
    </message>
    <message>
        <source>Limits of each priority</source>
        <translation>各优先级时限</translation>
    </message>
    <message>
        <source>urgency \ impact</source>
        <translation>紧急 \ 影响</translation>
    </message>
    <message>
        <source>Save priority</source>
        <translation>保存优先级</translation>
    </message>
    <message>
        <source>Approaching</source>
        <translation>即将超时</translation>
    </message>
    <message>
        <source>A limit shows as approaching (amber) once this share of it is used.</source>
        <translation>时限用去此比例后显示为即将超时（橙色）。</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Policy</source>
        <translation>策略</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Variant</source>
        <translation>细分</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <source>Limits</source>
        <translation>时限</translation>
    </message>
    <message>
        <source>Priority matrix</source>
        <translation>优先级矩阵</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>every kind</source>
        <translation>所有类型</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Policy saved: it applies to tickets created from now on.</source>
        <translation>策略已保存：对此后受理的工单生效。</translation>
    </message>
    <message>
        <source>Priority saved: it applies to tickets created from now on.</source>
        <translation>优先级已保存：对此后受理的工单生效。</translation>
    </message>
</context>
<context>
    <name>RoutingPage</name>
    <message>
        <source>Try a ticket</source>
        <translation>试算</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <source>Catalogue entry:</source>
        <translation>服务目录：</translation>
    </message>
    <message>
        <source>Area:</source>
        <translation>片区：</translation>
    </message>
    <message>
        <source>Where:</source>
        <translation>区域：</translation>
    </message>
    <message>
        <source>Station:</source>
        <translation>站点：</translation>
    </message>
    <message>
        <source>Rules are tried from the top. The first that matches sends the ticket straight to the department's receiver (直派); when none matches, the second-level dispatcher forwards it by hand (转派). An empty condition matches anything.</source>
        <translation>规则自上而下依次匹配。第一条匹配的规则把工单直接派给该部门的承接人（直派）；都不匹配时由二级客服人工转派（转派）。条件留空表示不限。</translation>
    </message>
    <message>
        <source>Add rule…</source>
        <translation>新增规则…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Catalogue entry</source>
        <translation>服务目录</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>片区</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>站点</translation>
    </message>
    <message>
        <source>Send to</source>
        <translation>派往</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>No rule matches: transfer dispatch (转派) by the second-level dispatcher.</source>
        <translation>没有匹配的规则：由二级客服转派。</translation>
    </message>
    <message>
        <source>Rule {position} matches: direct dispatch (直派) to {department}, receiver {receiver}.</source>
        <translation>匹配第 {position} 条规则：直派 {department}，承接人 {receiver}。</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Click again to delete</source>
        <translation>再点一次删除</translation>
    </message>
    <message>
        <source>Rule deleted.</source>
        <translation>规则已删除。</translation>
    </message>
</context>
<context>
    <name>RuleDialog</name>
    <message>
        <source>New routing rule</source>
        <translation>新增派单规则</translation>
    </message>
    <message>
        <source>Routing rule {position}</source>
        <translation>派单规则 {position}</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <source>Catalogue entry:</source>
        <translation>服务目录：</translation>
    </message>
    <message>
        <source>Area:</source>
        <translation>片区：</translation>
    </message>
    <message>
        <source>Where:</source>
        <translation>区域：</translation>
    </message>
    <message>
        <source>Station:</source>
        <translation>站点：</translation>
    </message>
    <message>
        <source>Send to:</source>
        <translation>派往：</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Conditions — leave one empty to match anything:</source>
        <translation>条件（留空表示不限）：</translation>
    </message>
    <message>
        <source>e.g. 户内报修 → 客服助理</source>
        <translation>如 户内报修 → 客服助理</translation>
    </message>
    <message>
        <source>e.g. 交换站点</source>
        <translation>如 交换站点</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>(choose)</source>
        <translation>（请选择）</translation>
    </message>
</context>
<context>
    <name>StaffPage</name>
    <message>
        <source>Filter: name, user name, role, department</source>
        <translation>筛选：姓名、用户名、角色、部门</translation>
    </message>
    <message>
        <source>Everyone who signs in. Department roles (receiver, leader, field staff) act only on their department's tickets; a department's receiver is named on the next tab.</source>
        <translation>所有登录人员。部门角色（承接人、主管、片区人员）只能处理本部门的工单；部门承接人在下一页指定。</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>用户名：</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>角色：</translation>
    </message>
    <message>
        <source>Department:</source>
        <translation>部门：</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>电话：</translation>
    </message>
    <message>
        <source>E-mail:</source>
        <translation>邮箱：</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>First password:</source>
        <translation>初始密码：</translation>
    </message>
    <message>
        <source>Active (may sign in)</source>
        <translation>启用（可登录）</translation>
    </message>
    <message>
        <source>optional; must be changed at the first sign-in</source>
        <translation>可不填；首次登录时须修改</translation>
    </message>
    <message>
        <source>New staff member</source>
        <translation>新增人员</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation>重置密码…</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Locked until {time}</source>
        <translation>锁定至 {time}</translation>
    </message>
    <message>
        <source>No password yet</source>
        <translation>未设密码</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Cannot sign in until a password is set.</source>
        <translation>设置密码前无法登录。</translation>
    </message>
    <message>
        <source>Must change the password at the next sign-in.</source>
        <translation>下次登录时须修改密码。</translation>
    </message>
    <message>
        <source>Locked after {n} failed sign-ins.</source>
        <translation>连续 {n} 次登录失败，已锁定。</translation>
    </message>
    <message>
        <source>Password set: {name} must change it at the next sign-in.</source>
        <translation>密码已设置：{name} 下次登录时须修改。</translation>
    </message>
    <message>
        <source>Unlocked.</source>
        <translation>已解锁。</translation>
    </message>
</context>
<context>
    <name>YearView</name>
    <message>
        <source>Mon</source>
        <translation>一</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>二</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>三</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>四</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>五</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>六</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>日</translation>
    </message>
    <message>
        <source>January</source>
        <translation>一月</translation>
    </message>
    <message>
        <source>February</source>
        <translation>二月</translation>
    </message>
    <message>
        <source>March</source>
        <translation>三月</translation>
    </message>
    <message>
        <source>April</source>
        <translation>四月</translation>
    </message>
    <message>
        <source>May</source>
        <translation>五月</translation>
    </message>
    <message>
        <source>June</source>
        <translation>六月</translation>
    </message>
    <message>
        <source>July</source>
        <translation>七月</translation>
    </message>
    <message>
        <source>August</source>
        <translation>八月</translation>
    </message>
    <message>
        <source>September</source>
        <translation>九月</translation>
    </message>
    <message>
        <source>October</source>
        <translation>十月</translation>
    </message>
    <message>
        <source>November</source>
        <translation>十一月</translation>
    </message>
    <message>
        <source>December</source>
        <translation>十二月</translation>
    </message>
    <message>
        <source>Monday</source>
        <translation>星期一</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>星期二</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>星期三</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>星期四</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>星期五</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>星期六</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>星期日</translation>
    </message>
    <message>
        <source>Working day</source>
        <translation>工作日</translation>
    </message>
    <message>
        <source>Weekend</source>
        <translation>周末</translation>
    </message>
    <message>
        <source>Holiday</source>
        <translation>法定节假日</translation>
    </message>
    <message>
        <source>Adjusted working day</source>
        <translation>调休上班</translation>
    </message>
    <message>
        <source>official schedule</source>
        <translation>官方安排</translation>
    </message>
    <message>
        <source>set by the administrator</source>
        <translation>管理员设定</translation>
    </message>
    <message>
        <source>computed by rule (provisional)</source>
        <translation>按规则推算（暂定）</translation>
    </message>
</context>
</TS>