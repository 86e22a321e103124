<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ActionDialog</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
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
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>Closing once the work in progress is done…</source>
        <translation>正在进行的工作完成后将关闭窗口…</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Service Desk</source>
        <translation>工单台</translation>
    </message>
    <message>
        <source>Preparing demo data: a month of calls and tickets…</source>
        <translation>正在生成演示数据：一个月的来电和工单…</translation>
    </message>
    <message>
        <source>The demo data could not be made: {error}</source>
        <translation>无法生成演示数据：{error}</translation>
    </message>
    <message>
        <source>Cannot open the database {url}:
{error}</source>
        <translation>无法打开数据库 {url}：
{error}</translation>
    </message>
    <message>
        <source>Database…</source>
        <translation>数据库…</translation>
    </message>
    <message>
        <source>Nobody can sign in to this database yet. The administrator account is admin, with the initial password {password} (shown only now; choose your own at the first sign-in).</source>
        <translation>此数据库目前还没有人可以登录。管理员账号为 admin，初始密码为 {password}（仅此一次显示，首次登录时请设置您自己的密码）。</translation>
    </message>
</context>
<context>
    <name>AppointDialog</name>
    <message>
        <source>Optional: who agreed, what to bring</source>
        <translation>选填：与谁约定、需携带什么</translation>
    </message>
    <message>
        <source>&amp;Visit time</source>
        <translation>上门时间(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>备注(&amp;N)</translation>
    </message>
</context>
<context>
    <name>ApprovalPathView</name>
    <message>
        <source>Approval</source>
        <translation>审批流程</translation>
    </message>
    <message>
        <source>Draft solution</source>
        <translation>拟定处理意见</translation>
    </message>
</context>
<context>
    <name>ApproveDialog</name>
    <message>
        <source>Optional: remarks for the record (printed on the ticket form)</source>
        <translation>选填：审批意见（打印在工单处理单上）</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>环节</translation>
    </message>
    <message>
        <source>Solution</source>
        <translation>处理意见</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>备注(&amp;N)</translation>
    </message>
</context>
<context>
    <name>ArchiveEditor</name>
    <message>
        <source>Row {row}: {message}</source>
        <translation>第 {row} 行：{message}</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>姓名(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Household size</source>
        <translation>家庭人口(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Birth year</source>
        <translation>出生年份(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Occupation</source>
        <translation>职业(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Interests</source>
        <translation>兴趣爱好(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Specialties</source>
        <translation>特长(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Pets</source>
        <translation>宠物情况(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Festivals kept</source>
        <translation>关注的节日(&amp;F)</translation>
    </message>
    <message>
        <source>Service &amp;needs</source>
        <translation>个性化需求(&amp;N)</translation>
    </message>
    <message>
        <source>N&amp;otes</source>
        <translation>备注(&amp;O)</translation>
    </message>
    <message>
        <source>(not known)</source>
        <translation>（不详）</translation>
    </message>
    <message>
        <source>e.g. Spring Festival; Mid-Autumn</source>
        <translation>如：春节；中秋</translation>
    </message>
    <message>
        <source>e.g. one dog (large)</source>
        <translation>如：养狗一只（大型犬）</translation>
    </message>
    <message>
        <source>What this household wants from the property service</source>
        <translation>该户对物业服务的个性化需求</translation>
    </message>
    <message>
        <source>Basic information</source>
        <translation>基本信息</translation>
    </message>
    <message>
        <source>Phones and addresses</source>
        <translation>电话与地址</translation>
    </message>
    <message>
        <source>Household members</source>
        <translation>家庭成员</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <source>Phone numbers</source>
        <translation>电话号码</translation>
    </message>
    <message>
        <source>Addresses</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Number (extension after 转)</source>
        <translation>号码（分机写在“转”后）</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>片区</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Relation</source>
        <translation>关系</translation>
    </message>
    <message>
        <source>Birth year</source>
        <translation>出生年份</translation>
    </message>
    <message>
        <source>Occupation</source>
        <translation>职业</translation>
    </message>
    <message>
        <source>Interests</source>
        <translation>兴趣爱好</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Double-click a line with a ticket to open the ticket.</source>
        <translation>双击带工单的行可打开该工单。</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Created {created} · updated {updated} · version {version}</source>
        <translation>建档 {created} · 更新 {updated} · 版本 {version}</translation>
    </message>
    <message>
        <source>age {age}</source>
        <translation>{age} 岁</translation>
    </message>
    <message>
        <source>New archive: fill in at least the name and one phone number.</source>
        <translation>新建档案：至少填写姓名和一个电话号码。</translation>
    </message>
    <message>
        <source>{calls} calls · {tickets} tickets · {complaints} complaints · {repairs} repairs · {open} open</source>
        <translation>来电 {calls} 次 · 工单 {tickets} 张 · 投诉 {complaints} 次 · 报修 {repairs} 次 · 未结 {open} 张</translation>
    </message>
    <message>
        <source>Household of {size}; {members} member(s) recorded.</source>
        <translation>家庭人口 {size} 人；已登记成员 {members} 人。</translation>
    </message>
    <message>
        <source>{members} member(s) recorded.</source>
        <translation>已登记成员 {members} 人。</translation>
    </message>
</context>
<context>
    <name>ArchiveEvent</name>
    <message>
        <source>Call in</source>
        <translation>来电</translation>
    </message>
    <message>
        <source>Call out</source>
        <translation>去电</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Repair</source>
        <translation>报修</translation>
    </message>
    <message>
        <source>Return visit</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>回访跟踪</translation>
    </message>
</context>
<context>
    <name>ArchiveSummaryDialog</name>
    <message>
        <source>Yearly archive summary</source>
        <translation>年度档案汇总</translation>
    </message>
    <message>
        <source>&amp;Year</source>
        <translation>年份(&amp;Y)</translation>
    </message>
    <message>
        <source>Occupations</source>
        <translation>职业分布</translation>
    </message>
    <message>
        <source>Ages</source>
        <translation>年龄分布</translation>
    </message>
    <message>
        <source>Service needs</source>
        <translation>服务需求</translation>
    </message>
    <message>
        <source>Pets</source>
        <translation>宠物情况</translation>
    </message>
    <message>
        <source>Festivals kept</source>
        <translation>关注的节日</translation>
    </message>
    <message>
        <source>Interests</source>
        <translation>兴趣爱好</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户数</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>(not known)</source>
        <translation>（不详）</translation>
    </message>
    <message>
        <source>under 18</source>
        <translation>18岁以下</translation>
    </message>
    <message>
        <source>{band} years</source>
        <translation>{band} 岁</translation>
    </message>
    <message>
        <source>{total} customers in the archive · {created} archives made and {updated} brought up to date in {year}</source>
        <translation>档案共 {total} 户 · {year} 年新建 {created} 户、更新 {updated} 户</translation>
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
    <name>ArticleEditor</name>
    <message>
        <source>New article</source>
        <translation>新建知识条目</translation>
    </message>
    <message>
        <source>Edit article</source>
        <translation>编辑知识条目</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>As the caller asks it</source>
        <translation>按来电人的问法填写</translation>
    </message>
    <message>
        <source>The answer as the desk gives it</source>
        <translation>前台答复的口径</translation>
    </message>
    <message>
        <source>(any kind)</source>
        <translation>（不限类型）</translation>
    </message>
    <message>
        <source>Words the desk searches by, separated by spaces</source>
        <translation>检索用的关键词，以空格分隔</translation>
    </message>
    <message>
        <source>&amp;Question</source>
        <translation>问题(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Answer</source>
        <translation>答复(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation>类型(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Tags</source>
        <translation>标签(&amp;T)</translation>
    </message>
    <message>
        <source>The article could not be saved. Nothing was written; try again.</source>
        <translation>知识条目未能保存，未写入任何内容；请重试。</translation>
    </message>
</context>
<context>
    <name>ArticleListModel</name>
    <message>
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>答复</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <source>Every change of configuration and staff, newest first: who, when, what. The log is written together with the change and cannot be edited.</source>
        <translation>配置与人员的每一次变更（最新的在前）：谁、何时、改了什么。日志与变更同时写入，不能修改。</translation>
    </message>
    <message>
        <source>Show older entries</source>
        <translation>显示更早的记录</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>What</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
</context>
<context>
    <name>BackupDialog</name>
    <message>
        <source>Back up the database</source>
        <translation>备份数据库</translation>
    </message>
    <message>
        <source>Back up this desk&apos;s database every day (at the first start of the day)</source>
        <translation>每天备份本机数据库（当天首次启动时）</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>文件夹：</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Keep the newest:</source>
        <translation>保留最近：</translation>
    </message>
    <message>
        <source> backups</source>
        <translation> 份</translation>
    </message>
    <message>
        <source>This desk works on a shared server: the server is backed up on the server every evening (see the README). A backup made here needs the PostgreSQL client program pg_dump.</source>
        <translation>本工位使用共享服务器：服务器每晚在服务器端备份（见 README）。在此备份需要 PostgreSQL 客户端程序 pg_dump。</translation>
    </message>
    <message>
        <source>Back up now…</source>
        <translation>立即备份…</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <source>Back up the database to</source>
        <translation>将数据库备份到</translation>
    </message>
    <message>
        <source>Folder for the daily backups</source>
        <translation>每日备份的文件夹</translation>
    </message>
    <message>
        <source>Cannot use the folder {folder}: {reason}</source>
        <translation>无法使用文件夹 {folder}：{reason}</translation>
    </message>
    <message>
        <source>Backup saved: {path} ({size} KB)</source>
        <translation>备份已保存：{path}（{size} KB）</translation>
    </message>
    <message>
        <source>The backup failed: {reason}</source>
        <translation>备份失败：{reason}</translation>
    </message>
</context>
<context>
    <name>BreakdownModel</name>
    <message>
        <source>Not dispatched yet</source>
        <translation>尚未派单</translation>
    </message>
    <message>
        <source>No handler yet</source>
        <translation>尚无承接人</translation>
    </message>
    <message>
        <source>Not given</source>
        <translation>未填写</translation>
    </message>
    <message>
        <source>On-time rate</source>
        <translation>及时率</translation>
    </message>
    <message>
        <source>Resolution clocks whose deadline falls in the period and that are decided, the 10086 feedback clocks included; the rate is the share met</source>
        <translation>期间内到期且已有结果的办结时限（含10086反馈时限）；及时率为其中按时完成的比例</translation>
    </message>
    <message>
        <source>Open tickets whose earliest running clock is past its deadline now</source>
        <translation>此刻最早到期的计时已过截止时间的在办工单</translation>
    </message>
    <message>
        <source>{met} of {due} met</source>
        <translation>{due} 个中按时 {met} 个</translation>
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
        <source>暂定: {year}&apos;s official holiday schedule is not in the calendar yet. Its holidays (hatched) are computed by the statutory rule and no adjusted working days (调休上班) are known, so deadlines in {year} are provisional. Import the schedule as soon as the State Council publishes it.</source>
        <translation>暂定：日历中还没有 {year} 年的官方放假安排。节假日（斜线）按法定规则推算，调休上班日未知，{year} 年的截止时间均为暂定。国务院办公厅公布后请立即导入。</translation>
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
        <translation>正在重新计算在办工单的截止时间…</translation>
    </message>
    <message>
        <source>{n} open tickets got new deadlines.</source>
        <translation>{n} 张在办工单的截止时间已更新。</translation>
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
    <name>CallDialog</name>
    <message>
        <source>Call and log</source>
        <translation>拨打并记录</translation>
    </message>
    <message>
        <source>ticket {number}</source>
        <translation>工单 {number}</translation>
    </message>
    <message>
        <source>due {day} ({when})</source>
        <translation>应于 {day}（{when}）</translation>
    </message>
    <message>
        <source>What was &amp;said</source>
        <translation>通话内容(&amp;S)</translation>
    </message>
    <message>
        <source>e.g. the repair holds, the customer is satisfied</source>
        <translation>如：维修效果良好，客户满意</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>备注(&amp;N)</translation>
    </message>
    <message>
        <source>Optional: what to do next, what to pass on</source>
        <translation>可选：下一步做什么、需转告什么</translation>
    </message>
    <message>
        <source>Plan the next call in</source>
        <translation>下次回访间隔</translation>
    </message>
    <message>
        <source>days</source>
        <translation>天</translation>
    </message>
    <message>
        <source>Save to the register</source>
        <translation>记入登记表</translation>
    </message>
    <message>
        <source>Could not save. Nothing was changed; try again.</source>
        <translation>未能保存，未作任何更改；请重试。</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>Choose a new password</source>
        <translation>设置新密码</translation>
    </message>
    <message>
        <source>Change my password</source>
        <translation>修改我的密码</translation>
    </message>
    <message>
        <source>{name}, an administrator set your password. Choose your own password to continue.</source>
        <translation>{name}，您的密码由管理员设置。请设置您自己的密码后继续。</translation>
    </message>
    <message>
        <source>&amp;Current password</source>
        <translation>当前密码(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;New password</source>
        <translation>新密码(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Repeat new password</source>
        <translation>确认新密码(&amp;R)</translation>
    </message>
    <message>
        <source>At least {n} characters, not only digits, not your user name.</source>
        <translation>至少 {n} 个字符，不能全为数字，不能与用户名相同。</translation>
    </message>
    <message>
        <source>Change password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Changing…</source>
        <translation>正在修改…</translation>
    </message>
    <message>
        <source>The password was not changed: the database cannot be reached.</source>
        <translation>密码未修改：无法连接数据库。</translation>
    </message>
</context>
<context>
    <name>Checklist</name>
    <message>
        <source>Public-area cleaning and greening</source>
        <translation>公共区域保洁、绿化</translation>
    </message>
    <message>
        <source>Public order (lighting, door access, parking)</source>
        <translation>公共秩序维护（照明系统、门禁系统、停车系统）</translation>
    </message>
    <message>
        <source>Fire control room and security</source>
        <translation>消防中控室及安防管理</translation>
    </message>
    <message>
        <source>Is there visible rubbish in the public areas?</source>
        <translation>公共区域内是否有明显垃圾</translation>
    </message>
    <message>
        <source>Are the rubbish bins kept clean outside?</source>
        <translation>垃圾箱是否保持外观干净、清洁</translation>
    </message>
    <message>
        <source>Is the public greenery trimmed in time?</source>
        <translation>公共绿化是否及时修剪</translation>
    </message>
    <message>
        <source>Are the lawns protected against trampling?</source>
        <translation>绿地是否采取防踩踏措施</translation>
    </message>
    <message>
        <source>Are plants watered and protected against pests in time?</source>
        <translation>是否及时浇灌、采取防虫等措施</translation>
    </message>
    <message>
        <source>Any other breach of the cleaning and greening standards?</source>
        <translation>有无违反保洁、绿化养护标准的其他问题</translation>
    </message>
    <message>
        <source>Are public facilities in the public areas damaged?</source>
        <translation>公共区域内的公共设施有无损坏</translation>
    </message>
    <message>
        <source>Spot check: does the door access of the entrances work?</source>
        <translation>抽查单元门禁功能是否正常</translation>
    </message>
    <message>
        <source>Are the guards on post, in the required number?</source>
        <translation>保安人员是否在岗且符合人数要求</translation>
    </message>
    <message>
        <source>Any other breach of public-order management?</source>
        <translation>有无违反公共秩序管理的其他问题</translation>
    </message>
    <message>
        <source>Fire control staff are qualified for the post</source>
        <translation>消防人员资质符合上岗要求</translation>
    </message>
    <message>
        <source>Does the control panel show fire alarms or faults?</source>
        <translation>中控主机是否有消防报警及故障点</translation>
    </message>
    <message>
        <source>Do the security cameras work to standard?</source>
        <translation>安防摄像是否能按标准正常工作</translation>
    </message>
</context>
<context>
    <name>CirculateDialog</name>
    <message>
        <source>Circulate</source>
        <translation>公告传阅</translation>
    </message>
    <message>
        <source>Choose a department…</source>
        <translation>请选择部门…</translation>
    </message>
    <message>
        <source>&amp;Department</source>
        <translation>部门(&amp;D)</translation>
    </message>
    <message>
        <source>Optional: what the members should know</source>
        <translation>选填：需要告知成员的内容</translation>
    </message>
    <message numerus="yes">
        <source>%n member(s) will be told.</source>
        <translation>
            <numerusform>将通知 %n 名成员。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConnectionDialog</name>
    <message>
        <source>Database connection</source>
        <translation>数据库连接</translation>
    </message>
    <message>
        <source>Embedded database file (this PC only)</source>
        <translation>内置数据库文件（仅本机）</translation>
    </message>
    <message>
        <source>PostgreSQL server (several desks)</source>
        <translation>PostgreSQL 服务器（多个工位）</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>测试连接</translation>
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
        <source>e.g. 192.168.1.10</source>
        <translation>如 192.168.1.10</translation>
    </message>
    <message>
        <source>The password is kept in: {where}</source>
        <translation>密码保存在：{where}</translation>
    </message>
    <message>
        <source>{mark} (set); type to replace</source>
        <translation>{mark}（已设置）；输入即可替换</translation>
    </message>
    <message>
        <source>none stored</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>Database file</source>
        <translation>数据库文件</translation>
    </message>
    <message>
        <source>SQLite databases (*.db *.sqlite);;All files (*)</source>
        <translation>SQLite 数据库 (*.db *.sqlite);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Testing the connection…</source>
        <translation>正在测试连接…</translation>
    </message>
    <message>
        <source>Fill in the file, or the server and the database.</source>
        <translation>请填写文件，或服务器和数据库。</translation>
    </message>
    <message>
        <source>Connected: {version}</source>
        <translation>已连接：{version}</translation>
    </message>
    <message>
        <source>Cannot connect: {error}</source>
        <translation>无法连接：{error}</translation>
    </message>
    <message>
        <source>No answer within {seconds} s.</source>
        <translation>{seconds} 秒内无应答。</translation>
    </message>
</context>
<context>
    <name>ConsentDialog</name>
    <message>
        <source>Owner&apos;s answer</source>
        <translation>业主意见</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>{price} yuan</source>
        <translation>{price} 元</translation>
    </message>
    <message>
        <source>&amp;Agrees</source>
        <translation>同意(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Does not agree</source>
        <translation>不同意(&amp;D)</translation>
    </message>
    <message>
        <source>Quoted price</source>
        <translation>报价</translation>
    </message>
    <message>
        <source>The owner</source>
        <translation>业主</translation>
    </message>
    <message>
        <source>Optional: how the owner was asked</source>
        <translation>选填：以何种方式征询业主</translation>
    </message>
</context>
<context>
    <name>ConstructionDoneDialog</name>
    <message>
        <source>Construction done</source>
        <translation>施工完毕</translation>
    </message>
    <message>
        <source>Report done</source>
        <translation>确认完工</translation>
    </message>
    <message>
        <source>The new resources are entered in the resource system</source>
        <translation>新增资源已录入资源系统</translation>
    </message>
    <message>
        <source>{maintainer} is notified that the install can go ahead.</source>
        <translation>将通知 {maintainer} 可以继续装机。</translation>
    </message>
    <message>
        <source>The area maintainer</source>
        <translation>片区装维人员</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务单</translation>
    </message>
</context>
<context>
    <name>ConstructionSection</name>
    <message>
        <source>Construction tasks</source>
        <translation>建设任务单</translation>
    </message>
    <message>
        <source>None: the on-site check found resources available so far.</source>
        <translation>无：目前现场查勘资源充足。</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Contractor</source>
        <translation>施工单位</translation>
    </message>
    <message>
        <source>Adds</source>
        <translation>增加</translation>
    </message>
    <message>
        <source>Cable</source>
        <translation>光缆</translation>
    </message>
    <message>
        <source>Complete by</source>
        <translation>完成期限</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Done, {name} notified</source>
        <translation>已完工，已通知 {name}</translation>
    </message>
    <message>
        <source>Confirmed by marketing ({name}), under construction</source>
        <translation>营销部门已确认（{name}），施工中</translation>
    </message>
    <message>
        <source>Awaiting marketing confirmation</source>
        <translation>待营销部门确认</translation>
    </message>
    <message>
        <source>{cores}-core, {metres} m</source>
        <translation>{cores}芯，{metres}米</translation>
    </message>
</context>
<context>
    <name>ConstructionTaskDialog</name>
    <message>
        <source>Construction task</source>
        <translation>建设任务单</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>下发</translation>
    </message>
    <message>
        <source> cores</source>
        <translation> 芯</translation>
    </message>
    <message>
        <source> m</source>
        <translation> 米</translation>
    </message>
    <message>
        <source>Contra&amp;ctor</source>
        <translation>施工单位(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>增加(&amp;A)</translation>
    </message>
    <message>
        <source>Fibre cable</source>
        <translation>光缆</translation>
    </message>
    <message>
        <source>&amp;Complete by</source>
        <translation>完成期限(&amp;C)</translation>
    </message>
    <message>
        <source>Area &amp;maintainer</source>
        <translation>片区装维人员(&amp;M)</translation>
    </message>
    <message>
        <source>Maintainer &amp;phone</source>
        <translation>装维人员电话(&amp;P)</translation>
    </message>
    <message>
        <source>The marketing department confirms the task; when the contractor reports it done and the resources are entered, the maintainer is notified.</source>
        <translation>任务单由营销部门确认；施工单位报完工且资源录入后，将通知片区装维人员。</translation>
    </message>
</context>
<context>
    <name>CustomerArchiveWindow</name>
    <message>
        <source>Customer archive</source>
        <translation>客户档案</translation>
    </message>
    <message>
        <source>Phone digits, pinyin (zs), name, address or any text</source>
        <translation>电话号码、拼音（zs）、姓名、地址或任意文字</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <source>Start a new customer archive</source>
        <translation>新建客户档案</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save the archive (Ctrl+S)</source>
        <translation>保存档案（Ctrl+S）</translation>
    </message>
    <message>
        <source>&amp;Revert</source>
        <translation>还原(&amp;R)</translation>
    </message>
    <message>
        <source>Forget what was typed and show the saved archive again</source>
        <translation>放弃所输入的内容，重新显示已保存的档案</translation>
    </message>
    <message>
        <source>&amp;Merge duplicate archives…</source>
        <translation>合并重复档案(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Yearly archive summary…</source>
        <translation>年度档案汇总(&amp;Y)…</translation>
    </message>
    <message>
        <source>The search failed. Try again.</source>
        <translation>搜索失败，请重试。</translation>
    </message>
    <message>
        <source>Archive of {name} created.</source>
        <translation>已为 {name} 建档。</translation>
    </message>
    <message>
        <source>Archive of {name} saved.</source>
        <translation>{name} 的档案已保存。</translation>
    </message>
    <message>
        <source>What you typed is kept; press Revert to see the saved archive.</source>
        <translation>所输入的内容已保留；点“还原”可查看已保存的档案。</translation>
    </message>
    <message>
        <source>The archive could not be saved. Nothing was written; try again.</source>
        <translation>档案未能保存，未写入任何内容；请重试。</translation>
    </message>
    <message>
        <source>Merged into archive #{id}: read only.</source>
        <translation>已合并到档案 #{id}：只读。</translation>
    </message>
    <message>
        <source>New customer</source>
        <translation>新客户</translation>
    </message>
    <message>
        <source>, {age}</source>
        <translation>，{age} 岁</translation>
    </message>
    <message>
        <source>Type to search the archive.</source>
        <translation>输入内容即可检索档案。</translation>
    </message>
    <message>
        <source>The first {n} customers found; type more to narrow.</source>
        <translation>仅显示找到的前 {n} 位客户；请继续输入以缩小范围。</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) found.</source>
        <translation>
            <numerusform>找到 %n 位客户。</numerusform>
        </translation>
    </message>
    <message>
        <source>Archives merged.</source>
        <translation>档案已合并。</translation>
    </message>
</context>
<context>
    <name>CustomerCardView</name>
    <message>
        <source>Number</source>
        <translation>工单编号</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>New archive…</source>
        <translation>新建档案…</translation>
    </message>
    <message>
        <source>Add this caller to the customer archive in one step; tickets waiting in quarantine for this number are released</source>
        <translation>一步将来电人加入客户档案；该号码在隔离区等待的工单随即解除隔离</translation>
    </message>
    <message>
        <source>Full archive…</source>
        <translation>完整档案…</translation>
    </message>
    <message>
        <source>Open this customer&apos;s complete archive (the opening is recorded)</source>
        <translation>打开该客户的完整档案（查阅将被记录）</translation>
    </message>
    <message>
        <source>Card only: your role does not open customer archives, so the contact data is masked and the history is not shown.</source>
        <translation>仅显示名片：您的角色不能查阅客户档案，联系资料已隐去，历史记录不显示。</translation>
    </message>
    <message>
        <source>{open} open · {calls} calls · {complaints} complaints</source>
        <translation>未结 {open} 张 · 来电 {calls} 次 · 投诉 {complaints} 次</translation>
    </message>
    <message>
        <source>No calls or tickets yet.</source>
        <translation>尚无来电或工单。</translation>
    </message>
    <message>
        <source>{n} customers match; keep typing or pick one.</source>
        <translation>有 {n} 位客户符合；请继续输入或从中选择。</translation>
    </message>
    <message>
        <source>More than {n} customers match; keep typing or pick one.</source>
        <translation>超过 {n} 位客户符合；请继续输入或从中选择。</translation>
    </message>
    <message>
        <source>Household of {n}</source>
        <translation>家庭人口 {n} 人</translation>
    </message>
    <message>
        <source>age {age}</source>
        <translation>{age} 岁</translation>
    </message>
    <message>
        <source>{age}</source>
        <translation>{age}</translation>
    </message>
    <message>
        <source>Members: {people}</source>
        <translation>成员：{people}</translation>
    </message>
    <message>
        <source>Pets: {pets}</source>
        <translation>宠物：{pets}</translation>
    </message>
    <message>
        <source>Needs: {needs}</source>
        <translation>需求：{needs}</translation>
    </message>
    <message>
        <source>Open tickets ({n})</source>
        <translation>未结工单（{n}）</translation>
    </message>
    <message>
        <source>History: calls, tickets, complaints, repairs ({n})</source>
        <translation>历史：来电、工单、投诉、报修（{n}）</translation>
    </message>
    <message>
        <source>New caller: this number is not in the customer archive.</source>
        <translation>新来电人：客户档案中没有此号码。</translation>
    </message>
    <message>
        <source>Note: {notes}</source>
        <translation>备注：{notes}</translation>
    </message>
</context>
<context>
    <name>CustomerHitModel</name>
    <message>
        <source>Found by: {key}</source>
        <translation>匹配依据：{key}</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>片区</translation>
    </message>
</context>
<context>
    <name>Deadline</name>
    <message>
        <source>Paused: the clock stands still while waiting for an outside party</source>
        <translation>已暂停：等待外部单位期间停止计时</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>时限</translation>
    </message>
    <message>
        <source>{clock}: due {time}</source>
        <translation>{clock}：{time} 到期</translation>
    </message>
    <message>
        <source>Provisional: that year&apos;s official holiday schedule is not published yet</source>
        <translation>暂定：该年度的官方放假安排尚未公布</translation>
    </message>
</context>
<context>
    <name>DeadlineModel</name>
    <message>
        <source>Time left</source>
        <translation>剩余时间</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>工单编号</translation>
    </message>
    <message>
        <source>Caller</source>
        <translation>来电人</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>时限</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
</context>
<context>
    <name>DeadlinesDock</name>
    <message>
        <source>Approaching limits</source>
        <translation>即将到期的时限</translation>
    </message>
    <message>
        <source>Overdue now: {count}</source>
        <translation>当前超时：{count}</translation>
    </message>
    <message>
        <source>show</source>
        <translation>查看</translation>
    </message>
    <message>
        <source>Nothing overdue</source>
        <translation>暂无超时</translation>
    </message>
    <message>
        <source>Next {count} limits to run out, soonest first</source>
        <translation>最先到期的 {count} 项时限，按到期先后排列</translation>
    </message>
</context>
<context>
    <name>DepartmentRateChart</name>
    <message>
        <source>On-time resolution by department</source>
        <translation>各部门办结及时率</translation>
    </message>
    <message>
        <source>(the {shown} lowest of {count})</source>
        <translation>（{count} 个部门中最低的 {shown} 个）</translation>
    </message>
    <message>
        <source>On time</source>
        <translation>及时</translation>
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
        <translation>部门领导</translation>
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
        <source>A password needs at least {min} characters.</source>
        <translation>密码至少需要 {min} 个字符。</translation>
    </message>
    <message>
        <source>A password can have at most {max} characters.</source>
        <translation>密码最多只能有 {max} 个字符。</translation>
    </message>
    <message>
        <source>A password of digits only is too easy to guess.</source>
        <translation>纯数字密码容易被猜中，请加入字母或符号。</translation>
    </message>
    <message>
        <source>The password cannot be the user name.</source>
        <translation>密码不能与用户名相同。</translation>
    </message>
    <message>
        <source>The two passwords are not the same.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <source>Not a valid phone number: {phone}</source>
        <translation>电话号码无效：{phone}</translation>
    </message>
    <message>
        <source>The text contains a NUL character.</source>
        <translation>文字中含有 NUL 字符。</translation>
    </message>
    <message>
        <source>This field is required.</source>
        <translation>此项必填。</translation>
    </message>
    <message>
        <source>Too long: at most {limit} characters.</source>
        <translation>内容过长：最多 {limit} 个字符。</translation>
    </message>
    <message>
        <source>A birth year between {first} and {last}.</source>
        <translation>出生年份应在 {first} 至 {last} 之间。</translation>
    </message>
    <message>
        <source>This number is in the list twice.</source>
        <translation>该号码在列表中重复。</translation>
    </message>
    <message>
        <source>A customer needs at least one phone number.</source>
        <translation>客户至少需要一个电话号码。</translation>
    </message>
    <message>
        <source>At most {limit} rows.</source>
        <translation>最多 {limit} 行。</translation>
    </message>
    <message>
        <source>This address is in the list twice.</source>
        <translation>该地址在列表中重复。</translation>
    </message>
    <message>
        <source>A number between {low} and {high}.</source>
        <translation>应为 {low} 至 {high} 之间的数字。</translation>
    </message>
    <message>
        <source>Not a mainland area code: {code} (e.g. 010, 021, 0755).</source>
        <translation>不是大陆地区的长途区号：{code}（如 010、021、0755）。</translation>
    </message>
    <message>
        <source>The text contains characters that are not Unicode text.</source>
        <translation>文本含有无法识别的字符。</translation>
    </message>
    <message>
        <source>A phone call needs the caller&apos;s number.</source>
        <translation>电话来电请填写来电号码。</translation>
    </message>
    <message>
        <source>Choose a ticket kind.</source>
        <translation>请选择工单类型。</translation>
    </message>
    <message>
        <source>The acceptance time cannot be in the future.</source>
        <translation>受理时间不能晚于当前时间。</translation>
    </message>
    <message>
        <source>This variant belongs to FTTH pending installs.</source>
        <translation>此细分仅适用于FTTH待装工单。</translation>
    </message>
    <message>
        <source>The rectification deadline must be in the future.</source>
        <translation>整改期限必须晚于当前时间。</translation>
    </message>
    <message>
        <source>A patrol finding needs a rectification deadline.</source>
        <translation>巡检整改工单请填写整改期限。</translation>
    </message>
    <message>
        <source>Not allowed: your account is no longer active.</source>
        <translation>不允许：您的账号已停用。</translation>
    </message>
    <message>
        <source>Not allowed: {role} may not do “{action}” here.</source>
        <translation>无权操作：{role}不能在此“{action}”。</translation>
    </message>
    <message>
        <source>Not allowed: the ticket is held by another department.</source>
        <translation>不允许：该工单由其他部门处理。</translation>
    </message>
    <message>
        <source>Not allowed: area “{area}” is outside your jurisdiction.</source>
        <translation>不允许：片区“{area}”不在您的辖区内。</translation>
    </message>
    <message>
        <source>Not allowed: this ticket is not visible to you.</source>
        <translation>不允许：您无权查看该工单。</translation>
    </message>
    <message>
        <source>Not allowed: a sensitive ticket is shown only to the people on its approval path.</source>
        <translation>不允许：敏感工单仅对其审批流程上的人员可见。</translation>
    </message>
    <message>
        <source>Not allowed: the step “{step}” is taken by its department.</source>
        <translation>不允许：“{step}”由其指定部门办理。</translation>
    </message>
    <message>
        <source>In quarantine until the caller is registered as a customer.</source>
        <translation>来电人登记为客户前，工单留在隔离区。</translation>
    </message>
    <message>
        <source>The dispatch slip has not come back yet (返单).</source>
        <translation>派工单尚未返回前台（未返单）。</translation>
    </message>
    <message>
        <source>Only a paid repair is quoted.</source>
        <translation>只有有偿维修才需报价。</translation>
    </message>
    <message>
        <source>Only a complaint is escalated.</source>
        <translation>只有投诉工单才能升级。</translation>
    </message>
    <message>
        <source>The install has a construction task that is not finished.</source>
        <translation>该装机工单有未完成的建设任务单。</translation>
    </message>
    <message>
        <source>The construction task is not at this stage.</source>
        <translation>建设任务单不处于此环节。</translation>
    </message>
    <message>
        <source>Only a complaint of the 10086 center (10086, 12530, business hall) goes back on a data problem.</source>
        <translation>只有10086客服中心受理的投诉（10086、12530、营业厅）才能因数据问题退回。</translation>
    </message>
    <message>
        <source>This kind of ticket has no dispatch slip to return.</source>
        <translation>此类工单没有需要返回的派工单。</translation>
    </message>
    <message>
        <source>The slip has come back already.</source>
        <translation>派工单已返回。</translation>
    </message>
    <message>
        <source>Not allowed: you belong to no department.</source>
        <translation>不允许：您不属于任何部门。</translation>
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
        <source>Unknown channel {channel}.</source>
        <translation>未知的受理渠道 {channel}。</translation>
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
    <message>
        <source>Wrong user name or password.</source>
        <translation>用户名或密码错误。</translation>
    </message>
    <message>
        <source>Locked until {until} after too many failed sign-ins.</source>
        <translation>登录失败次数过多，账号已锁定至 {until}。</translation>
    </message>
    <message>
        <source>This account is disabled. Ask an administrator.</source>
        <translation>此账号已停用，请联系管理员。</translation>
    </message>
    <message>
        <source>No staff member with id {id}.</source>
        <translation>没有编号为 {id} 的人员。</translation>
    </message>
    <message>
        <source>Enter your current password.</source>
        <translation>请输入当前密码。</translation>
    </message>
    <message>
        <source>Not allowed: only an administrator may set another person&apos;s password.</source>
        <translation>无权操作：只有管理员可以设置他人的密码。</translation>
    </message>
    <message>
        <source>The current password is wrong.</source>
        <translation>当前密码不正确。</translation>
    </message>
    <message>
        <source>Choose a password different from the current one.</source>
        <translation>新密码不能与当前密码相同。</translation>
    </message>
    <message>
        <source>Not allowed: only an administrator may unlock an account.</source>
        <translation>无权操作：只有管理员可以解锁账号。</translation>
    </message>
    <message>
        <source>No staff member {username}.</source>
        <translation>没有用户名为 {username} 的人员。</translation>
    </message>
    <message>
        <source>Not allowed: only an administrator may manage staff accounts.</source>
        <translation>无权操作：只有管理员可以管理人员账号。</translation>
    </message>
    <message>
        <source>A user name cannot contain spaces.</source>
        <translation>用户名不能包含空格。</translation>
    </message>
    <message>
        <source>The user name {username} is taken.</source>
        <translation>用户名 {username} 已被占用。</translation>
    </message>
    <message>
        <source>Choose a role.</source>
        <translation>请选择角色。</translation>
    </message>
    <message>
        <source>The role “{role}” needs a department.</source>
        <translation>角色“{role}”须指定所属部门。</translation>
    </message>
    <message>
        <source>Not a valid e-mail address: {email}</source>
        <translation>邮箱地址无效：{email}</translation>
    </message>
    <message>
        <source>You cannot deactivate your own account.</source>
        <translation>不能停用您自己的账号。</translation>
    </message>
    <message>
        <source>{name} is the receiver of {department}: name another receiver first.</source>
        <translation>{name} 是{department}的承接人：请先另行指定承接人。</translation>
    </message>
    <message>
        <source>At least one active administrator must remain.</source>
        <translation>必须保留至少一名启用的管理员。</translation>
    </message>
    <message>
        <source>No construction task with id {id}.</source>
        <translation>没有编号为 {id} 的建设任务单。</translation>
    </message>
    <message>
        <source>A construction task belongs to an FTTH install that a department is handling.</source>
        <translation>只能为部门正在处理的FTTH待装工单建立建设任务单。</translation>
    </message>
    <message>
        <source>Give a positive number.</source>
        <translation>请填写大于 0 的数字。</translation>
    </message>
    <message>
        <source>The completion date is in the past.</source>
        <translation>完成日期不能早于今天。</translation>
    </message>
    <message>
        <source>The construction must be finished by {date}, the install&apos;s own time limit.</source>
        <translation>施工须在{date}前完成（装机工单本身的时限）。</translation>
    </message>
    <message>
        <source>The marketing department confirms construction.</source>
        <translation>无权操作：建设任务须由营销部门确认。</translation>
    </message>
    <message>
        <source>No inspection with id {id}.</source>
        <translation>没有编号为 {id} 的检查记录。</translation>
    </message>
    <message>
        <source>This inspection is signed off and can no longer be changed.</source>
        <translation>该检查已签字确认，不能再修改。</translation>
    </message>
    <message>
        <source>No inspection finding with id {id}.</source>
        <translation>没有编号为 {id} 的检查问题。</translation>
    </message>
    <message>
        <source>Say who is responsible for the problem.</source>
        <translation>请选择问题的责任方。</translation>
    </message>
    <message>
        <source>Choose the kind of inspection.</source>
        <translation>请选择检查类型。</translation>
    </message>
    <message>
        <source>No checklist item {code} in this inspection.</source>
        <translation>本次检查没有检查项 {code}。</translation>
    </message>
    <message>
        <source>This problem was already followed up; its result can no longer be changed.</source>
        <translation>该问题已处理跟进，检查结果不能再修改。</translation>
    </message>
    <message>
        <source>A weekly or monthly check ends when the property company&apos;s person signs it.</source>
        <translation>周检、月检须由物业相关人员签字确认后结束。</translation>
    </message>
    <message>
        <source>A patrol is not co-signed; finish it instead.</source>
        <translation>巡视无需物业签字，请直接结束巡视。</translation>
    </message>
    <message>
        <source>Check every item before signing: {count} not checked yet ({first}).</source>
        <translation>请检查完所有项目后再签字：还有 {count} 项未检查（{first}）。</translation>
    </message>
    <message>
        <source>Only a problem is followed up.</source>
        <translation>只有发现的问题才需要跟进处理。</translation>
    </message>
    <message>
        <source>This problem was already followed up.</source>
        <translation>该问题已跟进处理过。</translation>
    </message>
    <message>
        <source>A {responsibility} problem is not followed up by “{notice}”.</source>
        <translation>{responsibility}的问题不能以“{notice}”跟进。</translation>
    </message>
    <message>
        <source>Follow the problem up first.</source>
        <translation>请先跟进处理该问题。</translation>
    </message>
    <message>
        <source>Already confirmed.</source>
        <translation>已确认过，无需重复操作。</translation>
    </message>
    <message>
        <source>The new resources must be entered before the task is done.</source>
        <translation>请先完成新增资源的录入，再完成此任务。</translation>
    </message>
    <message>
        <source>Already done.</source>
        <translation>已完成，无需重复操作。</translation>
    </message>
    <message>
        <source>A ticket is circulated only inside your own department.</source>
        <translation>无权操作：工单只能在本部门内传阅。</translation>
    </message>
    <message>
        <source>No handover with id {id}.</source>
        <translation>没有编号为 {id} 的交接班记录。</translation>
    </message>
    <message>
        <source>The next shift acknowledges a handover, not its writer.</source>
        <translation>交接班记录须由接班人确认，交班人本人不能确认。</translation>
    </message>
    <message>
        <source>Already acknowledged.</source>
        <translation>已确认过，无需重复操作。</translation>
    </message>
    <message>
        <source>Choose who receives the report.</source>
        <translation>请选择报告接收人。</translation>
    </message>
    <message>
        <source>A report goes one level up; only an emergency may skip one level.</source>
        <translation>请示报告须逐级上报；仅紧急情况可越一级上报。</translation>
    </message>
    <message>
        <source>No report with id {id}.</source>
        <translation>没有编号为 {id} 的请示报告。</translation>
    </message>
    <message>
        <source>Only the recipient answers a report.</source>
        <translation>无权操作：只有接收人可以答复请示报告。</translation>
    </message>
    <message>
        <source>Not allowed: this step is for the {step_role}, not the {role}.</source>
        <translation>无权操作：此环节应由{step_role}办理，{role}不能办理。</translation>
    </message>
    <message>
        <source>No ticket with id {id}.</source>
        <translation>没有编号为 {id} 的工单。</translation>
    </message>
    <message>
        <source>Ticket {number} was changed by someone else meanwhile. Reload it and try again; what you typed is kept.</source>
        <translation>工单 {number} 刚被他人修改。请重新加载后再试，您输入的内容已保留。</translation>
    </message>
    <message>
        <source>Only a solved call is answered from the knowledge base.</source>
        <translation>只有当场解决的来电才能记为知识库解答。</translation>
    </message>
    <message>
        <source>No knowledge-base article with id {id}.</source>
        <translation>没有编号为 {id} 的知识条目。</translation>
    </message>
    <message>
        <source>This article is retired.</source>
        <translation>该知识条目已停用。</translation>
    </message>
    <message>
        <source>No call with id {id}.</source>
        <translation>没有编号为 {id} 的来电记录。</translation>
    </message>
    <message>
        <source>This call is already a ticket.</source>
        <translation>此来电已生成工单。</translation>
    </message>
    <message>
        <source>This register line is closed already: answered, or a ticket.</source>
        <translation>该登记行已关闭：已解答或已生成工单。</translation>
    </message>
    <message>
        <source>Give a reason.</source>
        <translation>请填写原因。</translation>
    </message>
    <message>
        <source>Ticket {number} is “{state}”: “{action}” is not possible now.</source>
        <translation>工单 {number} 当前为“{state}”，不能执行“{action}”。</translation>
    </message>
    <message>
        <source>{department} has no receiver: the administrator must name one.</source>
        <translation>{department}没有承接人：请管理员指定。</translation>
    </message>
    <message>
        <source>Give the agreed visit time.</source>
        <translation>请填写约定的上门时间。</translation>
    </message>
    <message>
        <source>The visit time is in the past.</source>
        <translation>上门时间不能早于当前时间。</translation>
    </message>
    <message>
        <source>A paid repair starts only after the owner agreed to the quoted price.</source>
        <translation>有偿维修须经业主同意报价后方可开始。</translation>
    </message>
    <message>
        <source>Describe how it was solved.</source>
        <translation>请填写处理意见。</translation>
    </message>
    <message>
        <source>The construction task of this install is not finished yet.</source>
        <translation>此待装工单的建设任务尚未完成。</translation>
    </message>
    <message>
        <source>Say what the customer was told.</source>
        <translation>请填写告知客户的内容。</translation>
    </message>
    <message>
        <source>The ticket is already with {department}.</source>
        <translation>工单已在{department}。</translation>
    </message>
    <message>
        <source>Ticket {number} is archived and read-only.</source>
        <translation>工单 {number} 已归档，只能查看。</translation>
    </message>
    <message>
        <source>Not an amount: {price}</source>
        <translation>金额无效：{price}</translation>
    </message>
    <message>
        <source>There is no quoted price to agree to yet.</source>
        <translation>尚无报价，无法确认同意。</translation>
    </message>
    <message>
        <source>A customer with this number exists already.</source>
        <translation>该号码的客户已存在。</translation>
    </message>
    <message>
        <source>The working calendar covers {first} to {last}.</source>
        <translation>工作日历只覆盖 {first} 至 {last} 年。</translation>
    </message>
    <message>
        <source>Cannot read the schedule: {error}</source>
        <translation>无法识别放假安排：{error}</translation>
    </message>
    <message>
        <source>{day} is not in {year}.</source>
        <translation>{day} 不在 {year} 年内。</translation>
    </message>
    <message>
        <source>The schedule names no day off (休) of {year}.</source>
        <translation>该安排中没有 {year} 年的任何休息日（休），不是该年的放假安排。</translation>
    </message>
    <message>
        <source>{error}</source>
        <translation>{error}</translation>
    </message>
    <message>
        <source>The port must be a number from 1 to 65535.</source>
        <translation>端口须为 1 至 65535 之间的数字。</translation>
    </message>
    <message>
        <source>Not a valid server name: {host}</source>
        <translation>服务器名称无效：{host}</translation>
    </message>
    <message>
        <source>Not a valid e-mail address: {address}</source>
        <translation>邮箱地址无效：{address}</translation>
    </message>
    <message>
        <source>The SMS gateway address must start with http:// or https://.</source>
        <translation>短信网关地址须以 http:// 或 https:// 开头。</translation>
    </message>
    <message>
        <source>The SMS template needs {{phone}} and {{text}} and, if it is JSON, must stay valid JSON with them filled in.</source>
        <translation>短信模板须包含 {{phone}} 和 {{text}}；如为 JSON 格式，填入内容后须仍是有效的 JSON。</translation>
    </message>
    <message>
        <source>Unknown kind of notice: {kind}</source>
        <translation>未知的通知种类：{kind}</translation>
    </message>
    <message>
        <source>The password could not be stored: {reason}</source>
        <translation>密码未能保存：{reason}</translation>
    </message>
    <message>
        <source>Unknown escalation level: {level}</source>
        <translation>未知的升级级别：{level}</translation>
    </message>
    <message>
        <source>No notification with id {id}.</source>
        <translation>没有编号为 {id} 的通知。</translation>
    </message>
    <message>
        <source>This notification is addressed to someone else.</source>
        <translation>此通知不是发给您的。</translation>
    </message>
    <message>
        <source>No ticket numbered {number}.</source>
        <translation>找不到工单 {number}。</translation>
    </message>
    <message>
        <source>No active staff member {username}.</source>
        <translation>没有用户名为 {username} 的在职人员。</translation>
    </message>
    <message>
        <source>Choose how satisfied the customer is.</source>
        <translation>请选择客户满意度。</translation>
    </message>
    <message>
        <source>There is no construction task to confirm.</source>
        <translation>没有待确认的建设任务单。</translation>
    </message>
    <message>
        <source>There is no construction task to finish.</source>
        <translation>没有待完工的建设任务单。</translation>
    </message>
    <message>
        <source>Choose the level.</source>
        <translation>请选择级别。</translation>
    </message>
    <message>
        <source>Choose the owner&apos;s answer.</source>
        <translation>请选择业主意见。</translation>
    </message>
    <message>
        <source>The period ends before it begins.</source>
        <translation>期间的结束日期早于开始日期。</translation>
    </message>
    <message>
        <source>A period can be at most three years long.</source>
        <translation>期间最长为三年。</translation>
    </message>
    <message>
        <source>Give a month as YYYY-MM, e.g. 2026-11 (not &quot;{text}&quot;).</source>
        <translation>请按 YYYY-MM 格式输入月份，例如 2026-11（而不是“{text}”）。</translation>
    </message>
    <message>
        <source>Give a date as YYYY-MM-DD, e.g. 2026-11-26 (not &quot;{text}&quot;).</source>
        <translation>请按 YYYY-MM-DD 格式输入日期，例如 2026-11-26（而不是“{text}”）。</translation>
    </message>
    <message>
        <source>Not allowed: {role} does not read the call register.</source>
        <translation>无权操作：{role}不能查看来电来访登记表。</translation>
    </message>
    <message>
        <source>Not allowed: the call register is the whole center&apos;s; you read the tickets of your own department or area only.</source>
        <translation>无权操作：来电来访登记表是全中心的，您只能查看本部门或本辖区的工单。</translation>
    </message>
    <message>
        <source>{day} has not come yet: a day is signed on the day or after it.</source>
        <translation>{day} 还没有到：登记表在当天或之后才能签署。</translation>
    </message>
    <message>
        <source>The register of {day} is signed already (by {name}).</source>
        <translation>{day} 的登记表已由{name}签署。</translation>
    </message>
    <message>
        <source>This line is closed already: answered, or a ticket.</source>
        <translation>该行已关闭：已解答或已生成工单。</translation>
    </message>
    <message>
        <source>An outgoing call is the desk&apos;s own: it is not answered or made a ticket.</source>
        <translation>去电是前台自己拨出的电话：不作解答，也不生成工单。</translation>
    </message>
    <message>
        <source>The register of {month} is archived and read-only.</source>
        <translation>{month} 的登记表已归档，不能再修改。</translation>
    </message>
    <message>
        <source>The register of {day} is signed; ask the supervisor.</source>
        <translation>{day} 的登记表已签署，请联系客服主管。</translation>
    </message>
    <message>
        <source>{month} is not over yet: a month is archived after its last day.</source>
        <translation>{month} 还没有结束：月末之后才能归档。</translation>
    </message>
    <message>
        <source>{count} day(s) of {month} with calls are not signed yet: {days}.</source>
        <translation>{month} 有 {count} 天的来电来访登记尚未签署：{days}。</translation>
    </message>
    <message>
        <source>{month} is archived already (by {name}).</source>
        <translation>{month} 已由{name}归档。</translation>
    </message>
    <message>
        <source>Not a month: {month} (write it as 2026-11).</source>
        <translation>不是有效的月份：{month}（请写成 2026-11）。</translation>
    </message>
    <message>
        <source>Ticket {number} is not a complaint: only a complaint has an incident report.</source>
        <translation>工单 {number} 不是投诉：只有投诉工单有住户投诉事件报告。</translation>
    </message>
    <message>
        <source>Inspection {id} is a patrol: only a weekly or monthly check has a checklist to print.</source>
        <translation>检查 {id} 是日常巡视：只有周检、月检有检查表可打印。</translation>
    </message>
    <message>
        <source>Finding {id} has no work contact sheet or rectification notice to print.</source>
        <translation>问题 {id} 没有可打印的工作联系单或整改通知单。</translation>
    </message>
    <message>
        <source>{ref} was printed as {form} No. {printed}, not {number}.</source>
        <translation>{ref} 已按{form}第 {printed} 号打印，不是 {number}。</translation>
    </message>
    <message>
        <source>{form} No. {number} is already printed for {other}.</source>
        <translation>{form}第 {number} 号已用于 {other}。</translation>
    </message>
    <message>
        <source>A register covers at most {limit} days; this period has {days}.</source>
        <translation>登记表最多打印 {limit} 天；该期间有 {days} 天。</translation>
    </message>
    <message>
        <source>Ticket {number} has no construction task sheet.</source>
        <translation>工单 {number} 没有建设任务单。</translation>
    </message>
    <message>
        <source>No customer with id {id}.</source>
        <translation>没有编号为 {id} 的客户。</translation>
    </message>
    <message>
        <source>This number belongs to customer {name} already.</source>
        <translation>该号码已属于客户 {name}。</translation>
    </message>
    <message>
        <source>This customer&apos;s archive was changed by someone else since you opened it; reopen it.</source>
        <translation>此客户档案在您打开后已被他人修改，请重新打开。</translation>
    </message>
    <message>
        <source>This archive was merged into customer {id}; edit that one.</source>
        <translation>此档案已合并到客户 {id}；请修改该档案。</translation>
    </message>
    <message>
        <source>An archive cannot be merged with itself.</source>
        <translation>档案不能与自身合并。</translation>
    </message>
    <message>
        <source>This follow-up call was done already (by {name}, {time}).</source>
        <translation>该回访跟踪已完成（{name}，{time}）。</translation>
    </message>
    <message>
        <source>This follow-up call was cancelled (by {name}).</source>
        <translation>该回访跟踪已取消（{name}）。</translation>
    </message>
    <message>
        <source>No follow-up call with id {id}.</source>
        <translation>没有编号为 {id} 的回访跟踪。</translation>
    </message>
    <message>
        <source>There is no phone number to call: give the customer a number first.</source>
        <translation>没有可拨打的电话号码：请先为客户登记号码。</translation>
    </message>
    <message>
        <source>Choose a customer or a ticket to call about.</source>
        <translation>请选择要回访的客户或工单。</translation>
    </message>
    <message>
        <source>Give a number of days from 0 to {max}.</source>
        <translation>请填写 0 至 {max} 之间的天数。</translation>
    </message>
    <message>
        <source>Give a number of days from 1 to {max}.</source>
        <translation>请填写 1 至 {max} 之间的天数。</translation>
    </message>
    <message>
        <source>The day of the call is in the past.</source>
        <translation>回访日期已过。</translation>
    </message>
    <message>
        <source>Not a ticket kind: {kind}</source>
        <translation>不是工单类型：{kind}</translation>
    </message>
    <message>
        <source>This article was changed by someone else meanwhile. Reload it and try again; what you typed is kept.</source>
        <translation>该知识条目已被他人修改。请重新载入后再试；所输入的内容已保留。</translation>
    </message>
    <message>
        <source>Ticket {number} is not solved yet: only a solved or closed ticket&apos;s answer goes into the knowledge base.</source>
        <translation>工单 {number} 尚未办结：只有已办结或已关闭工单的答复才能存入知识库。</translation>
    </message>
    <message>
        <source>Give the meeting&apos;s date.</source>
        <translation>请填写班务会日期。</translation>
    </message>
    <message>
        <source>The meeting&apos;s date cannot be in the future.</source>
        <translation>班务会日期不能晚于今天。</translation>
    </message>
    <message>
        <source>The database cannot be reached; nothing was saved. Try again when it is back.</source>
        <translation>数据库暂时无法连接，未保存任何内容。请在恢复后重试。</translation>
    </message>
    <message>
        <source>The database is busy with other desks&apos; work; nothing was saved. Try again in a moment.</source>
        <translation>数据库正忙于处理其他工位的操作，未保存任何内容。请稍后重试。</translation>
    </message>
    <message>
        <source>{path} already exists: choose another file or overwrite it (--force).</source>
        <translation>{path} 已存在：请另选文件或覆盖（--force）。</translation>
    </message>
    <message>
        <source>{path} is a folder: give the name of the backup file.</source>
        <translation>{path} 是文件夹：请给出备份文件的名称。</translation>
    </message>
    <message>
        <source>Cannot write into {folder}: {reason}.</source>
        <translation>无法写入 {folder}：{reason}。</translation>
    </message>
    <message>
        <source>The folder {folder} does not exist.</source>
        <translation>文件夹 {folder} 不存在。</translation>
    </message>
    <message>
        <source>There is no database at {path}.</source>
        <translation>{path} 处没有数据库。</translation>
    </message>
    <message>
        <source>An in-memory database cannot be backed up or restored.</source>
        <translation>内存数据库无法备份或恢复。</translation>
    </message>
    <message>
        <source>{path} is not a desk database (it has no schema version).</source>
        <translation>{path} 不是工单台数据库（没有架构版本）。</translation>
    </message>
    <message>
        <source>The copy failed its integrity check ({detail}); nothing was written.</source>
        <translation>副本未通过完整性检查（{detail}），未写入任何内容。</translation>
    </message>
    <message>
        <source>{path} is not a backup (neither a SQLite database nor a pg_dump archive).</source>
        <translation>{path} 不是备份文件（既不是 SQLite 数据库，也不是 pg_dump 归档）。</translation>
    </message>
    <message>
        <source>There is no file {path}.</source>
        <translation>没有文件 {path}。</translation>
    </message>
    <message>
        <source>{path} is a {kind} backup; it cannot be restored into a {target} database.</source>
        <translation>{path} 是 {kind} 备份，不能恢复到 {target} 数据库。</translation>
    </message>
    <message>
        <source>{path} comes from a newer program (schema version {version}, this program knows {current}): update the program before restoring it.</source>
        <translation>{path} 来自更新的程序（架构版本 {version}，本程序为 {current}）：请先升级程序再恢复。</translation>
    </message>
    <message>
        <source>{path} is damaged ({detail}); nothing was restored.</source>
        <translation>{path} 已损坏（{detail}），未恢复任何内容。</translation>
    </message>
    <message>
        <source>The database {path} is in use: close the app on it (every window and desk) and restore again.</source>
        <translation>数据库 {path} 正在使用：请关闭所有使用它的窗口和工位后再恢复。</translation>
    </message>
    <message>
        <source>{path} is not a SQLite database; it is not overwritten.</source>
        <translation>{path} 不是 SQLite 数据库，不会被覆盖。</translation>
    </message>
    <message>
        <source>{tool} is not installed (the PostgreSQL client programs); install it and try again.</source>
        <translation>未安装 {tool}（PostgreSQL 客户端程序）；请安装后重试。</translation>
    </message>
    <message>
        <source>{tool} failed: {detail}</source>
        <translation>{tool} 执行失败：{detail}</translation>
    </message>
    <message>
        <source>Backups are made of SQLite and PostgreSQL databases only, not {scheme}.</source>
        <translation>只能备份 SQLite 和 PostgreSQL 数据库，不支持 {scheme}。</translation>
    </message>
    <message>
        <source>An action on ticket {number} is already kept on this PC; it is saved when the database is back, then this ticket can be worked on again.</source>
        <translation>工单 {number} 已有一项操作暂存在本机，数据库恢复后先保存它，之后才能再办理此工单。</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <source>Caller</source>
        <translation>来电人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>片区</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Receiver</source>
        <translation>承接人</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>处理人</translation>
    </message>
    <message>
        <source>Appointment</source>
        <translation>预约时间</translation>
    </message>
    <message>
        <source>Created by</source>
        <translation>受理人</translation>
    </message>
    <message>
        <source>Dispatched</source>
        <translation>派单时间</translation>
    </message>
    <message>
        <source>Solved</source>
        <translation>办结时间</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>Catalogue</source>
        <translation>服务目录</translation>
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
        <source>Rectify by</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <source>Routing</source>
        <translation>派单方式</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>投诉级别</translation>
    </message>
    <message>
        <source>Linked</source>
        <translation>关联工单</translation>
    </message>
    <message>
        <source>Quoted price</source>
        <translation>报价</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>业主意见</translation>
    </message>
    <message>
        <source>Print dispatch slip</source>
        <translation>打印派工单</translation>
    </message>
    <message>
        <source>Dispatch slip: preview, save as PDF, print</source>
        <translation>派工单：预览、保存为 PDF、打印</translation>
    </message>
    <message>
        <source>Other papers</source>
        <translation>其他表单</translation>
    </message>
    <message>
        <source>The ticket&apos;s construction task sheet, handling form or incident report: preview and print</source>
        <translation>本工单的建设任务单、工单处理单或住户投诉事件报告：预览并打印</translation>
    </message>
    <message>
        <source>Archived: this ticket is closed and read-only.</source>
        <translation>已归档：此工单已关闭，只能查看。</translation>
    </message>
    <message>
        <source>Quarantine: the caller is not a registered customer yet. The ticket goes to the normal queues (and is dispatched) once the customer is registered at the intake.</source>
        <translation>隔离区：来电人尚未登记为客户。在受理台登记客户后，工单将转入正常队列（并派单）。</translation>
    </message>
    <message>
        <source>Sensitive</source>
        <translation>敏感</translation>
    </message>
    <message>
        <source>Public opinion, media or a major complaint: the office and the center leader approve too</source>
        <translation>舆情、媒体或重大投诉：还须经办公室和中心领导审批</translation>
    </message>
    <message>
        <source>Reply to the customer</source>
        <translation>反馈客户</translation>
    </message>
    <message>
        <source>Save to the knowledge base (weekly meeting&apos;s answer)…</source>
        <translation>存入知识库（班务会答复口径）…</translation>
    </message>
    <message>
        <source>The answer agreed at the weekly meeting becomes a knowledge-base article</source>
        <translation>班务会统一的答复口径存为知识条目</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Solution</source>
        <translation>处理意见</translation>
    </message>
    <message>
        <source>Time limits</source>
        <translation>时限</translation>
    </message>
    <message>
        <source>History</source>
        <translation>处理记录</translation>
    </message>
    <message>
        <source>Choose a ticket to see it here.</source>
        <translation>请选择工单，在此查看详情。</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>The ticket could not be read. Try again.</source>
        <translation>无法读取工单，请重试。</translation>
    </message>
    <message>
        <source>{what}: saved. The database cannot be reached now; the ticket is shown again when it is back.</source>
        <translation>{what}：已保存。数据库暂时无法连接，恢复后重新显示工单。</translation>
    </message>
    <message>
        <source>What was kept on this PC for this ticket is saved now.</source>
        <translation>本机为此工单暂存的操作现已保存。</translation>
    </message>
    <message>
        <source>{what}: the database cannot be reached; kept on this PC and saved when it is back, as done now.</source>
        <translation>{what}：数据库无法连接，操作已暂存在本机，恢复后按现在的时间保存。</translation>
    </message>
    <message>
        <source>Saved to the knowledge base.</source>
        <translation>已存入知识库。</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>时限</translation>
    </message>
    <message>
        <source>Allowed</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>截止时间</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>剩余时间</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>&amp;Why not ours</source>
        <translation>退回原因(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Waiting for</source>
        <translation>等待事项(&amp;W)</translation>
    </message>
    <message>
        <source>Required: the outside party and what is awaited; the time limits pause</source>
        <translation>必填：外部单位及所等待的事项；时限将暂停计时</translation>
    </message>
    <message>
        <source>&amp;Data problem</source>
        <translation>数据问题(&amp;D)</translation>
    </message>
    <message>
        <source>Required: what is wrong with the data; the service center tells the customer</source>
        <translation>必填：数据存在什么问题；由客服中心答复客户</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>原因(&amp;R)</translation>
    </message>
    <message>
        <source>Required: what the customer says is still wrong</source>
        <translation>必填：客户反映仍未解决的问题</translation>
    </message>
    <message>
        <source>&amp;What to change</source>
        <translation>修改要求(&amp;W)</translation>
    </message>
    <message>
        <source>Required: what the department must change in its solution</source>
        <translation>必填：部门须如何修改处理意见</translation>
    </message>
    <message>
        <source>Required: why this is not your department&apos;s ticket</source>
        <translation>必填：此工单为何不属于本部门</translation>
    </message>
    <message>
        <source>{action}: {number}</source>
        <translation>{action}：{number}</translation>
    </message>
    <message>
        <source>The dispatch slip could not be made.</source>
        <translation>无法生成派工单。</translation>
    </message>
    <message>
        <source>Escalated: “{level}”.</source>
        <translation>已升级：“{level}”。</translation>
    </message>
    <message>
        <source>Marked sensitive: the office and the center leader approve too.</source>
        <translation>已标记为敏感：还须经办公室和中心领导审批。</translation>
    </message>
    <message>
        <source>No longer marked sensitive.</source>
        <translation>已取消敏感标记。</translation>
    </message>
    <message>
        <source>Circulated in {department}: %n member(s) told.</source>
        <translation>已在{department}传阅：已通知 %n 人。</translation>
    </message>
    <message>
        <source>Price quoted; the owner&apos;s answer is awaited before work starts.</source>
        <translation>已报价；业主答复后方可开工。</translation>
    </message>
    <message>
        <source>The owner agrees to the price: work can start.</source>
        <translation>业主同意报价：可以开工。</translation>
    </message>
    <message>
        <source>The owner does not agree to the price.</source>
        <translation>业主不同意报价。</translation>
    </message>
    <message>
        <source>Construction task issued; the marketing department confirms it next.</source>
        <translation>已下发建设任务单，下一步由营销部门确认。</translation>
    </message>
    <message>
        <source>Construction task {number} confirmed.</source>
        <translation>建设任务单 {number} 已确认。</translation>
    </message>
    <message>
        <source>Construction done; {name} is notified that the install can go ahead.</source>
        <translation>施工完毕，已通知 {name} 可以继续装机。</translation>
    </message>
    <message>
        <source>{action}: done. The ticket is now “{state}”.</source>
        <translation>已执行“{action}”，工单现为“{state}”。</translation>
    </message>
    <message>
        <source>Could not save. Nothing was changed; try again.</source>
        <translation>保存失败，未做任何更改，请重试。</translation>
    </message>
    <message>
        <source>Formal complaint: a repeat within 4 hours, or made in a business hall or through 12530</source>
        <translation>申告：4 小时内重复投诉，或在营业厅、经 12530 提出的投诉</translation>
    </message>
    <message>
        <source>{price} yuan</source>
        <translation>{price} 元</translation>
    </message>
    <message>
        <source>Direct dispatch (routing rule)</source>
        <translation>直派（派单规则）</translation>
    </message>
    <message>
        <source>Transfer dispatch (second-level dispatcher)</source>
        <translation>转派（二级客服）</translation>
    </message>
    <message>
        <source>Answer awaited</source>
        <translation>待答复</translation>
    </message>
    <message>
        <source>Agrees to the price</source>
        <translation>同意报价</translation>
    </message>
    <message>
        <source>Does not agree</source>
        <translation>不同意</translation>
    </message>
    <message>
        <source>Repeats {number}</source>
        <translation>重复投诉，原工单 {number}</translation>
    </message>
    <message>
        <source>Repeated in {numbers}</source>
        <translation>后续重复投诉：{numbers}</translation>
    </message>
    <message>
        <source>— (set again on resume)</source>
        <translation>—（恢复处理后重新计算）</translation>
    </message>
    <message>
        <source>(provisional)</source>
        <translation>（暂定）</translation>
    </message>
    <message>
        <source>The official holiday schedule of that year is not entered yet: the deadline may move when it is.</source>
        <translation>该年度的官方放假安排尚未录入：录入后截止时间可能变动。</translation>
    </message>
    <message>
        <source>met {time}</source>
        <translation>按时完成 {time}</translation>
    </message>
    <message>
        <source>met late by {t}</source>
        <translation>超时 {t} 完成</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>生成工单</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>投诉升级</translation>
    </message>
    <message>
        <source>Sensitivity</source>
        <translation>敏感标记</translation>
    </message>
    <message>
        <source>Circulated</source>
        <translation>公告传阅</translation>
    </message>
    <message>
        <source>Price quoted</source>
        <translation>报价</translation>
    </message>
    <message>
        <source>Owner&apos;s answer</source>
        <translation>业主意见</translation>
    </message>
    <message>
        <source>Construction task</source>
        <translation>建设任务单</translation>
    </message>
    <message>
        <source>Marketing confirmed</source>
        <translation>营销部门确认</translation>
    </message>
    <message>
        <source>Construction done</source>
        <translation>施工完毕</translation>
    </message>
    <message>
        <source>Released from quarantine</source>
        <translation>解除隔离</translation>
    </message>
    <message>
        <source>Customer archives merged</source>
        <translation>客户档案合并</translation>
    </message>
    <message>
        <source>With {department}: nothing for you to do now.</source>
        <translation>工单在{department}办理，您暂无需操作。</translation>
    </message>
    <message>
        <source>the department</source>
        <translation>相关部门</translation>
    </message>
    <message>
        <source>Waiting for the front desk to tell the customer.</source>
        <translation>等待前台反馈客户。</translation>
    </message>
    <message>
        <source>Waiting for: {step} ({role}).</source>
        <translation>等待：{step}（{role}）。</translation>
    </message>
    <message>
        <source>In quarantine until the caller is registered as a customer.</source>
        <translation>在隔离区中，来电人登记为客户后才能处理。</translation>
    </message>
    <message>
        <source>Nothing for you to do now.</source>
        <translation>您暂无需操作。</translation>
    </message>
</context>
<context>
    <name>DispatchDialog</name>
    <message>
        <source>Choose a department…</source>
        <translation>请选择部门…</translation>
    </message>
    <message>
        <source>no receiver</source>
        <translation>无承接人</translation>
    </message>
    <message>
        <source>Visit time agreed with the customer</source>
        <translation>已与客户约定上门时间</translation>
    </message>
    <message>
        <source>&amp;Department</source>
        <translation>部门(&amp;D)</translation>
    </message>
    <message>
        <source>Receiver</source>
        <translation>承接人</translation>
    </message>
    <message>
        <source>&amp;Worker</source>
        <translation>处理人(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Appointment</source>
        <translation>预约(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>备注(&amp;N)</translation>
    </message>
    <message>
        <source>Optional: who goes on site</source>
        <translation>选填：上门人员</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>选填</translation>
    </message>
    <message>
        <source>No receiver named: ask the administrator</source>
        <translation>未指定承接人：请联系管理员</translation>
    </message>
</context>
<context>
    <name>DrillWindow</name>
    <message>
        <source>Tickets behind the figure – {title}</source>
        <translation>数据明细 – {title}</translation>
    </message>
    <message>
        <source>{count} tickets. Double-click one to open it in the main window.</source>
        <translation>共 {count} 张工单。双击一行在主窗口中打开该工单。</translation>
    </message>
    <message>
        <source>Counting the tickets…</source>
        <translation>正在统计工单…</translation>
    </message>
    <message>
        <source>The tickets could not be counted: {error}</source>
        <translation>无法统计工单：{error}</translation>
    </message>
    <message>
        <source>{figure}: missed</source>
        <translation>{figure}：未达标</translation>
    </message>
</context>
<context>
    <name>Duration</name>
    <message>
        <source>{d}d {h}h</source>
        <translation>{d}天{h}小时</translation>
    </message>
    <message>
        <source>{h}h {m}m</source>
        <translation>{h}小时{m}分</translation>
    </message>
    <message>
        <source>{m}m {s:02d}s</source>
        <translation>{m}分{s:02d}秒</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>overdue {t}, paused</source>
        <translation>超时 {t}（已暂停）</translation>
    </message>
    <message>
        <source>overdue {t}</source>
        <translation>超时 {t}</translation>
    </message>
</context>
<context>
    <name>EscalateDialog</name>
    <message>
        <source>Escalate</source>
        <translation>升级处理</translation>
    </message>
    <message>
        <source>the department leader handles it</source>
        <translation>由部门主管处理</translation>
    </message>
    <message>
        <source>the leader and the supervisor, who goes on site</source>
        <translation>由部门主管处理，主管须到现场</translation>
    </message>
    <message>
        <source>the department manager and at once the center leader; the ticket becomes sensitive</source>
        <translation>由部门经理处理并立即上报中心领导；工单转为敏感工单</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Optional: loss, lawsuit, media, why now</source>
        <translation>选填：经济损失、诉讼、媒体关注、升级原因</translation>
    </message>
</context>
<context>
    <name>ExcelExport</name>
    <message>
        <source>Export to Excel</source>
        <translation>导出Excel</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Could not write {path}: {error}</source>
        <translation>无法写入 {path}：{error}</translation>
    </message>
    <message>
        <source>The export failed: {error}</source>
        <translation>导出失败：{error}</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>统计汇总</translation>
    </message>
    <message>
        <source>Tickets</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Export the summary to Excel</source>
        <translation>导出统计汇总到Excel</translation>
    </message>
    <message>
        <source>Exported the summary to {path}.</source>
        <translation>已导出统计汇总到 {path}。</translation>
    </message>
    <message>
        <source>Writing the summary…</source>
        <translation>正在导出统计汇总…</translation>
    </message>
    <message>
        <source>Export {queue} to Excel</source>
        <translation>导出{queue}到Excel</translation>
    </message>
    <message>
        <source>Exported {count} rows to {path}.</source>
        <translation>已导出 {count} 行到 {path}。</translation>
    </message>
    <message>
        <source>Writing {queue}…</source>
        <translation>正在导出{queue}…</translation>
    </message>
</context>
<context>
    <name>Figure</name>
    <message>
        <source>Of the {clock} clocks whose deadline falls in the period and that are decided (stopped, or still running past the deadline), the share stopped at or before the deadline; a paused clock&apos;s deadline moves by the paused working time and is undecided while paused; a reopened ticket&apos;s clock runs on from its original deadline and counts by its last stop.</source>
        <translation>期间内到期且已有结果（已停止，或到期仍在计时）的{clock}中，在时限内停止的比例；暂停期间不计时、截止时间相应顺延，暂停中的不计入；重新处理的工单按原截止时间继续计时，以最后一次停止为准。</translation>
    </message>
    <message>
        <source>Incoming lines (calls and visits) of the call/visit register received in the period, by channel; the desk&apos;s own outgoing calls are not counted.</source>
        <translation>期间内收到的来电来访登记表中来电、来访（呼入）行数，按渠道；前台自己拨出的电话不计。</translation>
    </message>
    <message>
        <source>Tickets taken in during the period (by intake time), by channel.</source>
        <translation>期间内受理（按受理时间）的工单数，按受理渠道分列。</translation>
    </message>
    <message>
        <source>Tickets whose solution was recorded in the period; a reopened ticket counts by its latest solution.</source>
        <translation>期间内录入处理结果（办结）的工单数；重新处理的工单以最后一次办结为准。</translation>
    </message>
    <message>
        <source>Tickets still open at this moment (not yet return-visited or archived), whatever the period.</source>
        <translation>此刻尚未回访或归档的工单数，与所选期间无关。</translation>
    </message>
    <message>
        <source>Open tickets whose earliest running clock is past its warning time but not its deadline at this moment; paused clocks are left out.</source>
        <translation>此刻最早到期的计时已过预警时间但未到截止时间的在办工单数；暂停中的计时不计。</translation>
    </message>
    <message>
        <source>Open tickets whose earliest running clock is past its deadline at this moment; paused clocks are left out.</source>
        <translation>此刻最早到期的计时已过截止时间的在办工单数；暂停中的计时不计。</translation>
    </message>
    <message>
        <source>response</source>
        <translation>响应时限</translation>
    </message>
    <message>
        <source>transfer</source>
        <translation>转派时限</translation>
    </message>
    <message>
        <source>on-site</source>
        <translation>到场时限</translation>
    </message>
    <message>
        <source>resolution (every ticket not received through 10086)</source>
        <translation>办结时限（10086以外受理的工单）</translation>
    </message>
    <message>
        <source>feedback (the resolution limit of tickets received through 10086)</source>
        <translation>反馈时限（10086受理工单的办结时限）</translation>
    </message>
    <message>
        <source>return-visit</source>
        <translation>回访时限</translation>
    </message>
    <message>
        <source>Of the register&apos;s incoming lines received in the period, the share answered on the spot without a ticket.</source>
        <translation>期间内收到的登记表呼入行中，当场解决、未生成工单的比例。</translation>
    </message>
    <message>
        <source>Of the incoming lines received in the period and answered on the spot, the share answered from the knowledge base.</source>
        <translation>期间内收到并当场解决的呼入行中，由知识库解答的比例。</translation>
    </message>
    <message>
        <source>Of the tickets completed in the period (their return-visit clock started), the share return-visited so far; a reopened ticket counts by its latest completion.</source>
        <translation>期间内办结（回访计时开始）的工单中，已回访的比例；重新处理的工单以最后一次办结为准。</translation>
    </message>
    <message>
        <source>Of the return visits made in the period, the share satisfied or basically satisfied; every visit of a reopened ticket counts.</source>
        <translation>期间内的回访中，满意与基本满意的比例；重新处理的工单每次回访都计入。</translation>
    </message>
    <message>
        <source>Complaints taken in during the period that are formal (申告): a repeat within 4 hours, or one from a business hall or 12530.</source>
        <translation>期间内受理的投诉中属于申告的条数：4小时内重复投诉，或来自营业厅、12530的投诉。</translation>
    </message>
</context>
<context>
    <name>FigurePanel</name>
    <message>
        <source>Received and completed</source>
        <translation>受理与办结</translation>
    </message>
    <message>
        <source>At this moment</source>
        <translation>当前状态</translation>
    </message>
    <message>
        <source>On-time rates</source>
        <translation>及时率</translation>
    </message>
    <message>
        <source>Service quality</source>
        <translation>服务质量</translation>
    </message>
</context>
<context>
    <name>FigureTile</name>
    <message>
        <source>{definition}
Click to see the tickets behind it.</source>
        <translation>{definition}
单击查看对应的工单。</translation>
    </message>
</context>
<context>
    <name>FollowUpModel</name>
    <message>
        <source>Due</source>
        <translation>到期</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Planned by</source>
        <translation>计划人</translation>
    </message>
    <message>
        <source>{n} day(s) overdue</source>
        <translation>逾期 {n} 天</translation>
    </message>
    <message>
        <source>today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>in {n} day(s)</source>
        <translation>{n} 天后</translation>
    </message>
</context>
<context>
    <name>FollowUpsDialog</name>
    <message>
        <source>Follow-up calls</source>
        <translation>回访跟踪</translation>
    </message>
    <message>
        <source>&amp;Call and log…</source>
        <translation>拨打并记录(&amp;C)…</translation>
    </message>
    <message>
        <source>Show the &amp;ticket</source>
        <translation>查看工单(&amp;T)</translation>
    </message>
    <message>
        <source>Why the call is not made, e.g. the customer moved</source>
        <translation>不拨打的原因，如：客户已搬走</translation>
    </message>
    <message>
        <source>Cancel this call</source>
        <translation>取消此次回访</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>The follow-up calls could not be read; try again.</source>
        <translation>未能读取回访跟踪；请重试。</translation>
    </message>
    <message>
        <source>Due today and overdue: {count} ({overdue} overdue)</source>
        <translation>今日到期及逾期：{count}（逾期 {overdue}）</translation>
    </message>
    <message>
        <source>The next {days} days: {count}</source>
        <translation>未来 {days} 天：{count}</translation>
    </message>
    <message>
        <source>The call to {name} is cancelled.</source>
        <translation>对 {name} 的回访已取消。</translation>
    </message>
    <message>
        <source>The call to {name} is in the register.</source>
        <translation>对 {name} 的回访已记入登记表。</translation>
    </message>
</context>
<context>
    <name>HandoverDialog</name>
    <message>
        <source>Shift handover</source>
        <translation>交接班</translation>
    </message>
    <message>
        <source>Recent handovers</source>
        <translation>最近的交接班记录</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Handed over by</source>
        <translation>交班人</translation>
    </message>
    <message>
        <source>Taken over by</source>
        <translation>接班人</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Confirm takeover</source>
        <translation>确认接班</translation>
    </message>
    <message>
        <source>Confirm that you read the selected handover and take over</source>
        <translation>确认已阅读所选交接班记录并接班</translation>
    </message>
    <message>
        <source>Handover for the next shift</source>
        <translation>交接给下一班</translation>
    </message>
    <message>
        <source>What the next shift must know: open matters, promises made to customers, keys, equipment…</source>
        <translation>下一班须知：未办结事项、对客户的承诺、钥匙、设备…</translation>
    </message>
    <message>
        <source>Write handover</source>
        <translation>提交交接班记录</translation>
    </message>
    <message>
        <source>not yet confirmed</source>
        <translation>尚未确认</translation>
    </message>
    <message>
        <source>Handover written: the next shift confirms it.</source>
        <translation>交接班记录已提交，待下一班确认。</translation>
    </message>
    <message>
        <source>Takeover confirmed.</source>
        <translation>已确认接班。</translation>
    </message>
    <message>
        <source>{count} handover(s) to confirm</source>
        <translation>{count} 条交接班记录待确认</translation>
    </message>
</context>
<context>
    <name>HotSpotChart</name>
    <message>
        <source>Complaint hot spots by area</source>
        <translation>投诉热点片区</translation>
    </message>
    <message>
        <source>(the first {shown})</source>
        <translation>（前 {shown} 个）</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>投诉</translation>
    </message>
</context>
<context>
    <name>HotSpotModel</name>
    <message>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>投诉数</translation>
    </message>
</context>
<context>
    <name>InspectionsDialog</name>
    <message>
        <source>Patrols and inspections</source>
        <translation>巡视检查</translation>
    </message>
    <message>
        <source>Print the checklist…</source>
        <translation>打印检查表…</translation>
    </message>
    <message>
        <source>Print the finding&apos;s notice…</source>
        <translation>打印联系单/整改通知单…</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>待办检查</translation>
    </message>
    <message>
        <source>Estate or route (optional)</source>
        <translation>园区或巡视路线（可不填）</translation>
    </message>
    <message>
        <source>New &amp;patrol</source>
        <translation>新建巡视(&amp;P)</translation>
    </message>
    <message>
        <source>New &amp;weekly check</source>
        <translation>新建周检(&amp;W)</translation>
    </message>
    <message>
        <source>New &amp;monthly check</source>
        <translation>新建月检(&amp;M)</translation>
    </message>
    <message>
        <source>Inspections</source>
        <translation>检查记录</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>检查人</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation>检查清单</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>检查项</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查内容</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Mark &amp;OK</source>
        <translation>合格(&amp;O)</translation>
    </message>
    <message>
        <source>The selected checklist item is in order</source>
        <translation>所选检查项合格，无问题</translation>
    </message>
    <message>
        <source>Problem found</source>
        <translation>发现问题</translation>
    </message>
    <message>
        <source>Pro&amp;blem</source>
        <translation>问题(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Location</source>
        <translation>位置(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Responsible</source>
        <translation>责任方(&amp;R)</translation>
    </message>
    <message>
        <source>P&amp;hoto</source>
        <translation>照片(&amp;H)</translation>
    </message>
    <message>
        <source>What is wrong</source>
        <translation>问题描述</translation>
    </message>
    <message>
        <source>Building, floor, spot</source>
        <translation>楼栋、楼层、具体位置</translation>
    </message>
    <message>
        <source>Path of the photo file (optional)</source>
        <translation>照片文件路径（可不填）</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>&amp;Serious</source>
        <translation>情节严重(&amp;S)</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>发现的问题</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Responsible</source>
        <translation>责任方</translation>
    </message>
    <message>
        <source>Serious</source>
        <translation>情节严重</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>处理情况</translation>
    </message>
    <message>
        <source>How the property company is told</source>
        <translation>通知物业的方式</translation>
    </message>
    <message>
        <source>Rectification deadline</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <source>Told to (property company&apos;s person)</source>
        <translation>通知对象（物业相关人员）</translation>
    </message>
    <message>
        <source>&amp;Follow up</source>
        <translation>跟进处理(&amp;F)</translation>
    </message>
    <message>
        <source>Rectified</source>
        <translation>整改完成</translation>
    </message>
    <message>
        <source>Confirm that the selected problem was put right</source>
        <translation>确认所选问题已整改完成</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Take back the selected finding recorded by mistake</source>
        <translation>删除误登记的所选问题</translation>
    </message>
    <message>
        <source>Co-si&amp;gner</source>
        <translation>物业签字人(&amp;G)</translation>
    </message>
    <message>
        <source>The property company&apos;s person who came along</source>
        <translation>陪同检查的物业相关人员</translation>
    </message>
    <message>
        <source>Co-sign</source>
        <translation>签字确认</translation>
    </message>
    <message>
        <source>The property company&apos;s person signs the result; the check is then read-only</source>
        <translation>物业相关人员签署检查结果，签字后检查记录不可修改</translation>
    </message>
    <message>
        <source>Finish patrol</source>
        <translation>结束巡视</translation>
    </message>
    <message>
        <source>Notice of finding {id}</source>
        <translation>问题 {id} 的通知单</translation>
    </message>
    <message>
        <source>Today&apos;s patrol not done</source>
        <translation>今日巡视未做</translation>
    </message>
    <message>
        <source>Yesterday&apos;s patrol not done</source>
        <translation>昨日巡视未做</translation>
    </message>
    <message>
        <source>Weekly check {n} of this week: from {time}</source>
        <translation>本周第{n}次周检：{time}开始</translation>
    </message>
    <message>
        <source>Weekly check {n} of this week not done</source>
        <translation>本周第{n}次周检未做</translation>
    </message>
    <message>
        <source>Weekly check {n} of last week not done</source>
        <translation>上周第{n}次周检未做</translation>
    </message>
    <message>
        <source>This month&apos;s monthly check not done</source>
        <translation>本月月检未做</translation>
    </message>
    <message>
        <source>Last month&apos;s monthly check not done</source>
        <translation>上月月检未做</translation>
    </message>
    <message>
        <source>Nothing due: the schedule is kept.</source>
        <translation>没有待办检查，均已按时完成。</translation>
    </message>
    <message>
        <source>({count} to follow up)</source>
        <translation>（{count} 项待跟进）</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>signed by {name}</source>
        <translation>{name} 已签字</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已结束</translation>
    </message>
    <message>
        <source>Select an inspection, or start one.</source>
        <translation>请选择一条检查记录，或新建检查。</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>Problem: {text}</source>
        <translation>问题：{text}</translation>
    </message>
    <message>
        <source>patrol</source>
        <translation>巡视</translation>
    </message>
    <message>
        <source>[photo]</source>
        <translation>[有照片]</translation>
    </message>
    <message>
        <source>(overdue)</source>
        <translation>（已超期）</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>not yet followed up</source>
        <translation>尚未跟进</translation>
    </message>
    <message>
        <source>ticket {number}</source>
        <translation>工单 {number}</translation>
    </message>
    <message>
        <source>project manager told</source>
        <translation>已上报项目经理</translation>
    </message>
    <message>
        <source>rectified {time}</source>
        <translation>{time} 整改完成</translation>
    </message>
    <message>
        <source>Followed up by {name} at {time}: {what}</source>
        <translation>{name} 于 {time} 跟进：{what}</translation>
    </message>
    <message>
        <source>At once: an urgent ticket ({kind}) with a short deadline.</source>
        <translation>立即处理：生成紧急工单（{kind}），整改期限很短。</translation>
    </message>
    <message>
        <source>A ticket ({kind}) and its dispatch slip go to the repair crew.</source>
        <translation>生成工单（{kind}），向修缮队伍发送派工单。</translation>
    </message>
    <message>
        <source>The property company gets a numbered notice with a rectification deadline.</source>
        <translation>向物业发送编号的联系单或通知单，规定完成整改期限。</translation>
    </message>
    <message>
        <source>Tell the property company orally or by WeChat; it is recorded.</source>
        <translation>口头或微信通知物业，并记录在案。</translation>
    </message>
    <message>
        <source>The project manager is told.</source>
        <translation>同时上报项目经理。</translation>
    </message>
    <message>
        <source>Record problem for item {item}</source>
        <translation>登记第 {item} 项的问题</translation>
    </message>
    <message>
        <source>Record finding</source>
        <translation>登记问题</translation>
    </message>
    <message>
        <source>Could not save. Nothing was changed; try again.</source>
        <translation>保存失败，未做任何更改，请重试。</translation>
    </message>
    <message>
        <source>{kind} started.</source>
        <translation>已开始{kind}。</translation>
    </message>
    <message>
        <source>Photo of the problem</source>
        <translation>问题照片</translation>
    </message>
    <message>
        <source>Images (*.jpg *.jpeg *.png *.heic);;All files (*)</source>
        <translation>图片 (*.jpg *.jpeg *.png *.heic);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Marked OK.</source>
        <translation>已标记为合格。</translation>
    </message>
    <message>
        <source>Problem recorded.</source>
        <translation>问题已登记。</translation>
    </message>
    <message>
        <source>Followed up.</source>
        <translation>已跟进处理。</translation>
    </message>
    <message>
        <source>Followed up: {what}</source>
        <translation>已跟进：{what}</translation>
    </message>
    <message>
        <source>Rectification confirmed.</source>
        <translation>已确认整改完成。</translation>
    </message>
    <message>
        <source>Finding removed.</source>
        <translation>问题已删除。</translation>
    </message>
    <message>
        <source>Signed by {name}: the check is closed.</source>
        <translation>{name} 已签字确认，本次检查结束。</translation>
    </message>
    <message>
        <source>Patrol finished.</source>
        <translation>巡视已结束。</translation>
    </message>
</context>
<context>
    <name>IntakePanel</name>
    <message>
        <source>&amp;Phone</source>
        <translation>电话(&amp;P)</translation>
    </message>
    <message>
        <source>C&amp;hannel</source>
        <translation>渠道(&amp;H)</translation>
    </message>
    <message>
        <source>Caller &amp;name</source>
        <translation>来电人(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Address</source>
        <translation>地址(&amp;A)</translation>
    </message>
    <message>
        <source>A&amp;rea</source>
        <translation>片区(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Content</source>
        <translation>内容(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation>类型(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Variant</source>
        <translation>细分(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Severity</source>
        <translation>严重程度(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Urgency</source>
        <translation>紧急程度(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Impact</source>
        <translation>影响范围(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Where</source>
        <translation>区域(&amp;W)</translation>
    </message>
    <message>
        <source>S&amp;tation</source>
        <translation>站点(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Escalation</source>
        <translation>升级级别(&amp;E)</translation>
    </message>
    <message>
        <source>Rectify &amp;by</source>
        <translation>整改期限(&amp;B)</translation>
    </message>
    <message>
        <source>New call or visit</source>
        <translation>新来电/来访</translation>
    </message>
    <message>
        <source>Caller&apos;s number: the customer card appears</source>
        <translation>输入来电号码</translation>
    </message>
    <message>
        <source>Who is calling</source>
        <translation>来电人姓名</translation>
    </message>
    <message>
        <source>Where: building, unit, room</source>
        <translation>楼栋、单元、房号</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>片区</translation>
    </message>
    <message>
        <source>What, since when, how to reach them</source>
        <translation>什么问题、从何时起、如何联系</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>请选择…</translation>
    </message>
    <message>
        <source>(not from 10086)</source>
        <translation>（非10086转入）</translation>
    </message>
    <message>
        <source>(not escalated)</source>
        <translation>（未升级）</translation>
    </message>
    <message>
        <source>Service catalogue entry</source>
        <translation>服务目录项</translation>
    </message>
    <message>
        <source>Nearest station</source>
        <translation>最近的站点</translation>
    </message>
    <message>
        <source>(no deadline)</source>
        <translation>（无期限）</translation>
    </message>
    <message>
        <source>The customer archive could not be read. Try again.</source>
        <translation>无法读取客户档案，请重试。</translation>
    </message>
    <message>
        <source>Call answered from the knowledge base at first contact: {question}</source>
        <translation>来电已由知识库当场解答：{question}</translation>
    </message>
    <message>
        <source>The database cannot be reached: kept on this PC, saved when it is back.</source>
        <translation>数据库无法连接：已暂存在本机，恢复后自动保存。</translation>
    </message>
    <message>
        <source>Catal&amp;ogue</source>
        <translation>服务目录(&amp;O)</translation>
    </message>
    <message>
        <source>Sensitive (public opinion, &amp;media)</source>
        <translation>敏感（舆情、媒体）(&amp;M)</translation>
    </message>
    <message>
        <source>The office and the center leader approve too before any reply</source>
        <translation>答复客户前还须经办公室和中心领导审批</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Time limits</source>
        <translation>时限</translation>
    </message>
    <message>
        <source>Solved at once</source>
        <translation>当场解决</translation>
    </message>
    <message>
        <source>Answered at first contact: log the call, no ticket</source>
        <translation>首次接触即解决：只登记来电，不生成工单</translation>
    </message>
    <message>
        <source>Create ticket</source>
        <translation>生成工单</translation>
    </message>
    <message>
        <source>Log the call and create a ticket (Ctrl+Enter)</source>
        <translation>登记来电并生成工单（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>The ticket could not be saved. Nothing was written; try again.</source>
        <translation>工单保存失败，未写入任何数据，请重试。</translation>
    </message>
    <message>
        <source>Ticket {number} created</source>
        <translation>已生成工单 {number}</translation>
    </message>
    <message>
        <source>The call could not be saved. Nothing was written; try again.</source>
        <translation>来电记录保存失败，未写入任何数据，请重试。</translation>
    </message>
    <message>
        <source>Call logged as solved at first contact</source>
        <translation>已登记来电：当场解决</translation>
    </message>
    <message>
        <source>goes straight to {department}</source>
        <translation>直派{department}</translation>
    </message>
    <message>
        <source>waits for the second-level dispatcher</source>
        <translation>等待二级客服转派</translation>
    </message>
    <message>
        <source>In quarantine: the caller is not a registered customer yet. Register the customer to release it.</source>
        <translation>已进入隔离区：来电人尚未登记为客户。登记客户后工单即转入正常队列。</translation>
    </message>
    <message>
        <source>Dispatched directly to {department} ({receiver}).</source>
        <translation>已直派{department}（{receiver}）。</translation>
    </message>
    <message>
        <source>Waiting for the second-level dispatcher (transfer dispatch).</source>
        <translation>等待二级客服转派。</translation>
    </message>
    <message>
        <source>{level}: repeats {number}.</source>
        <translation>{level}：重复投诉，原工单 {number}。</translation>
    </message>
    <message>
        <source>{level}.</source>
        <translation>{level}。</translation>
    </message>
    <message>
        <source>Choose the kind to see the time limits.</source>
        <translation>选择工单类型后显示时限。</translation>
    </message>
    <message>
        <source>{clock} {limit} from receipt</source>
        <translation>{clock}：承接人收到后{limit}</translation>
    </message>
    <message>
        <source>No time limit applies.</source>
        <translation>无适用时限。</translation>
    </message>
    <message>
        <source>{clock} until {time}</source>
        <translation>{clock} 至 {time}</translation>
    </message>
    <message>
        <source>{clock} {limit}</source>
        <translation>{clock} {limit}</translation>
    </message>
    <message>
        <source>Required for a patrol finding: the deadline on the rectification notice</source>
        <translation>巡检整改工单必填：整改通知单上的期限</translation>
    </message>
    <message>
        <source>The deadline on the notice, if any</source>
        <translation>通知单上的期限（如有）</translation>
    </message>
    <message>
        <source>Your role does not take calls; switch to a front-desk user.</source>
        <translation>您的角色不受理来电，请切换为前台用户。</translation>
    </message>
    <message>
        <source>The customer could not be saved. Nothing was written; try again.</source>
        <translation>客户资料保存失败，未写入任何数据，请重试。</translation>
    </message>
    <message numerus="yes">
        <source>Customer {name} registered; %n ticket(s) released from quarantine.</source>
        <translation>
            <numerusform>已登记客户 {name}；%n 张工单已解除隔离。</numerusform>
        </translation>
    </message>
    <message>
        <source>Customer {name} registered.</source>
        <translation>已登记客户 {name}。</translation>
    </message>
    <message>
        <source>Form cleared</source>
        <translation>已清空表单</translation>
    </message>
    <message>
        <source>Press Esc again to clear the form; what you typed is lost.</source>
        <translation>再按一次 Esc 清空表单，已输入的内容将丢失。</translation>
    </message>
</context>
<context>
    <name>KbSuggestions</name>
    <message>
        <source>Answers from the knowledge base</source>
        <translation>知识库答复</translation>
    </message>
    <message>
        <source>Answered (knowledge base)</source>
        <translation>已解答（知识库）</translation>
    </message>
    <message>
        <source>The chosen answer solved it: log the call as answered at first contact, no ticket</source>
        <translation>所选答复已解决问题：记为当场解决的来电，不生成工单</translation>
    </message>
</context>
<context>
    <name>KeptSaves</name>
    <message>
        <source>Action: {label}</source>
        <translation>工单操作：{label}</translation>
    </message>
    <message>
        <source>Call logged</source>
        <translation>来电登记</translation>
    </message>
    <message>
        <source>Intake and ticket</source>
        <translation>受理并生成工单</translation>
    </message>
    <message>
        <source>Ticket {number}</source>
        <translation>工单 {number}</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容类型</translation>
    </message>
    <message>
        <source>Done at</source>
        <translation>办理时间</translation>
    </message>
    <message>
        <source>Caller or ticket</source>
        <translation>来电人或工单</translation>
    </message>
    <message>
        <source>Why it was refused</source>
        <translation>未能保存的原因</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>未能保存</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>等待保存</translation>
    </message>
</context>
<context>
    <name>KeptSavesDialog</name>
    <message>
        <source>Kept on this PC</source>
        <translation>本机暂存</translation>
    </message>
    <message>
        <source>Saves made while the database could not be reached. Waiting ones are saved as soon as it is back. Refused ones were not saved: read why, copy the text, do it again, then put it away.</source>
        <translation>数据库无法连接期间在本机暂存的内容。“等待保存”的将在数据库恢复后自动保存；“未能保存”的没有保存：请查看原因，复制内容后重新办理，再移出列表。</translation>
    </message>
    <message>
        <source>Copy text</source>
        <translation>复制内容</translation>
    </message>
    <message>
        <source>Put away…</source>
        <translation>移出列表…</translation>
    </message>
    <message>
        <source>Put away</source>
        <translation>移出列表</translation>
    </message>
    <message>
        <source>Put this refused save away? Do it only once you have done it again or it is not wanted.</source>
        <translation>将这条未能保存的内容移出列表？请在重新办理后或确认不再需要时再移出。</translation>
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
        <source>Restore the procedure&apos;s default</source>
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
        <source>The procedure&apos;s default.</source>
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
    <name>Knowledge</name>
    <message>
        <source>any kind</source>
        <translation>不限类型</translation>
    </message>
    <message>
        <source>Weekly meeting of {date}</source>
        <translation>{date} 班务会</translation>
    </message>
    <message>
        <source>, from ticket {number}</source>
        <translation>，来自工单 {number}</translation>
    </message>
    <message>
        <source>From ticket {number}</source>
        <translation>来自工单 {number}</translation>
    </message>
    <message>
        <source>Written at the desk</source>
        <translation>前台编写</translation>
    </message>
</context>
<context>
    <name>KnowledgeWindow</name>
    <message>
        <source>Knowledge base</source>
        <translation>知识库</translation>
    </message>
    <message>
        <source>Search questions, answers and tags</source>
        <translation>检索问题、答复和标签</translation>
    </message>
    <message>
        <source>New…</source>
        <translation>新建…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Retire</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Retired: no longer offered to the desk</source>
        <translation>已停用：不再向前台推荐</translation>
    </message>
    <message>
        <source>Retire article</source>
        <translation>停用知识条目</translation>
    </message>
    <message>
        <source>Retire &quot;{question}&quot;? The desk is no longer offered it; the calls it answered keep it.</source>
        <translation>停用“{question}”？前台将不再看到它；已由它解答的来电仍保留记录。</translation>
    </message>
    <message>
        <source>Article retired.</source>
        <translation>知识条目已停用。</translation>
    </message>
    <message>
        <source>{n} found</source>
        <translation>找到 {n} 条</translation>
    </message>
    <message>
        <source>No article chosen</source>
        <translation>未选择知识条目</translation>
    </message>
    <message>
        <source>{kind} · tags: {tags} · {source}&lt;br&gt;Written by {author} on {created}; last changed by {editor} on {updated} · answered {calls} call(s)</source>
        <translation>{kind} · 标签：{tags} · {source}&lt;br&gt;{author} 编写于 {created}；{editor} 最后修改于 {updated} · 已解答来电 {calls} 次</translation>
    </message>
    <message>
        <source>Article saved.</source>
        <translation>知识条目已保存。</translation>
    </message>
</context>
<context>
    <name>Label</name>
    <message>
        <source>Consultation</source>
        <translation>咨询</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Repair</source>
        <translation>报修</translation>
    </message>
    <message>
        <source>Suggestion</source>
        <translation>建议</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>申请</translation>
    </message>
    <message>
        <source>Fault</source>
        <translation>故障</translation>
    </message>
    <message>
        <source>Business processing</source>
        <translation>业务办理</translation>
    </message>
    <message>
        <source>Maintenance</source>
        <translation>维护作业</translation>
    </message>
    <message>
        <source>FTTH pending install</source>
        <translation>FTTH待装</translation>
    </message>
    <message>
        <source>Inspection finding</source>
        <translation>巡检整改</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Walk-in visit</source>
        <translation>来访</translation>
    </message>
    <message>
        <source>WeChat / message</source>
        <translation>微信/即时消息</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <source>On-site patrol</source>
        <translation>现场巡查</translation>
    </message>
    <message>
        <source>From 10086</source>
        <translation>10086转入</translation>
    </message>
    <message>
        <source>From 12530</source>
        <translation>12530转入</translation>
    </message>
    <message>
        <source>Business hall</source>
        <translation>营业厅</translation>
    </message>
    <message>
        <source>Receptionist</source>
        <translation>前台/坐席</translation>
    </message>
    <message>
        <source>Second-level dispatcher</source>
        <translation>二级客服</translation>
    </message>
    <message>
        <source>Department receiver</source>
        <translation>部门承接人</translation>
    </message>
    <message>
        <source>Department leader</source>
        <translation>部门领导</translation>
    </message>
    <message>
        <source>Audit center</source>
        <translation>审核中心</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>办公室</translation>
    </message>
    <message>
        <source>Center leader</source>
        <translation>中心领导</translation>
    </message>
    <message>
        <source>Area field staff</source>
        <translation>片区装维人员</translation>
    </message>
    <message>
        <source>Customer-service supervisor</source>
        <translation>客服主管</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>Satisfied</source>
        <translation>满意</translation>
    </message>
    <message>
        <source>Basically satisfied</source>
        <translation>基本满意</translation>
    </message>
    <message>
        <source>Unsatisfied</source>
        <translation>不满意</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>紧急</translation>
    </message>
    <message>
        <source>Important</source>
        <translation>重要</translation>
    </message>
    <message>
        <source>Secondary</source>
        <translation>次要</translation>
    </message>
    <message>
        <source>General</source>
        <translation>一般</translation>
    </message>
    <message>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>中</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>Appeal</source>
        <translation>诉求</translation>
    </message>
    <message>
        <source>Formal complaint</source>
        <translation>申告</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>待处理</translation>
    </message>
    <message>
        <source>Solved at first contact</source>
        <translation>当场解决</translation>
    </message>
    <message>
        <source>Turned into a ticket</source>
        <translation>已转工单</translation>
    </message>
    <message>
        <source>General complaint</source>
        <translation>一般投诉</translation>
    </message>
    <message>
        <source>Emergency / complex</source>
        <translation>紧急/复杂投诉</translation>
    </message>
    <message>
        <source>Major complaint</source>
        <translation>重大投诉</translation>
    </message>
    <message>
        <source>Record a call</source>
        <translation>登记来电来访</translation>
    </message>
    <message>
        <source>Create a ticket</source>
        <translation>生成工单</translation>
    </message>
    <message>
        <source>Edit a ticket</source>
        <translation>修改工单</translation>
    </message>
    <message>
        <source>Print the dispatch slip</source>
        <translation>打印派工单</translation>
    </message>
    <message>
        <source>View customer data</source>
        <translation>查看客户资料</translation>
    </message>
    <message>
        <source>Edit customer data</source>
        <translation>修改客户资料</translation>
    </message>
    <message>
        <source>Administer</source>
        <translation>系统管理</translation>
    </message>
    <message>
        <source>Escalate</source>
        <translation>升级处理</translation>
    </message>
    <message>
        <source>Circulate in the department</source>
        <translation>部门内公告传阅</translation>
    </message>
    <message>
        <source>Release from quarantine</source>
        <translation>解除隔离</translation>
    </message>
    <message>
        <source>Shift handover</source>
        <translation>交接班</translation>
    </message>
    <message>
        <source>Escalation report</source>
        <translation>请示报告</translation>
    </message>
    <message>
        <source>Quote a paid repair</source>
        <translation>有偿维修报价</translation>
    </message>
    <message>
        <source>Construction task</source>
        <translation>建设任务</translation>
    </message>
    <message>
        <source>Patrol and inspections</source>
        <translation>巡视检查</translation>
    </message>
    <message>
        <source>View the summary</source>
        <translation>查看统计汇总</translation>
    </message>
    <message>
        <source>Sign off the call register</source>
        <translation>签署来电来访登记表</translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>导出Excel</translation>
    </message>
    <message>
        <source>Open the customer archive</source>
        <translation>查阅客户档案</translation>
    </message>
    <message>
        <source>Edit the knowledge base</source>
        <translation>编辑知识库</translation>
    </message>
    <message>
        <source>Response limit</source>
        <translation>响应时限</translation>
    </message>
    <message>
        <source>Transfer limit</source>
        <translation>转派时限</translation>
    </message>
    <message>
        <source>On-site limit</source>
        <translation>到场时限</translation>
    </message>
    <message>
        <source>Resolution limit</source>
        <translation>办结时限</translation>
    </message>
    <message>
        <source>Return-visit limit</source>
        <translation>回访时限</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Emergency repair</source>
        <translation>急修</translation>
    </message>
    <message>
        <source>Major repair</source>
        <translation>重大维修</translation>
    </message>
    <message>
        <source>Paid in-home repair</source>
        <translation>有偿维修</translation>
    </message>
    <message>
        <source>Add fibre distribution box</source>
        <translation>增加分纤箱</translation>
    </message>
    <message>
        <source>Replace/add splitter</source>
        <translation>更换/增加分光器</translation>
    </message>
    <message>
        <source>From intake</source>
        <translation>自受理时起</translation>
    </message>
    <message>
        <source>From receipt by the department</source>
        <translation>自承接人收到工单时起</translation>
    </message>
    <message>
        <source>24 h after the required completion time</source>
        <translation>规定完成时间后24小时内</translation>
    </message>
    <message>
        <source>The same day the work was completed</source>
        <translation>当日完成当日回访</translation>
    </message>
    <message>
        <source>To dispatch</source>
        <translation>待派单</translation>
    </message>
    <message>
        <source>Quarantine</source>
        <translation>隔离区</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>已退回</translation>
    </message>
    <message>
        <source>Awaiting acceptance</source>
        <translation>待接单</translation>
    </message>
    <message>
        <source>In hand</source>
        <translation>处理中</translation>
    </message>
    <message>
        <source>To approve</source>
        <translation>待审批</translation>
    </message>
    <message>
        <source>To confirm</source>
        <translation>待审核确认</translation>
    </message>
    <message>
        <source>To reply</source>
        <translation>待反馈</translation>
    </message>
    <message>
        <source>To return-visit</source>
        <translation>待回访</translation>
    </message>
    <message>
        <source>To archive</source>
        <translation>待归档</translation>
    </message>
    <message>
        <source>Approaching</source>
        <translation>即将超时</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已超时</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>已归档</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>(not given)</source>
        <translation>未指定</translation>
    </message>
    <message>
        <source>Inside a home</source>
        <translation>户内（非公共区域）</translation>
    </message>
    <message>
        <source>Public area</source>
        <translation>公共区域</translation>
    </message>
    <message>
        <source>Not routed</source>
        <translation>未派单</translation>
    </message>
    <message>
        <source>Direct dispatch</source>
        <translation>直派</translation>
    </message>
    <message>
        <source>Transfer dispatch</source>
        <translation>转派</translation>
    </message>
    <message>
        <source>Not yet handled</source>
        <translation>未处理</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>已接单</translation>
    </message>
    <message>
        <source>Appointment agreed</source>
        <translation>已预约</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>处理中</translation>
    </message>
    <message>
        <source>Blocked (outside party)</source>
        <translation>未完结</translation>
    </message>
    <message>
        <source>Awaiting leader approval</source>
        <translation>待领导审批</translation>
    </message>
    <message>
        <source>Awaiting office review</source>
        <translation>待办公室审核</translation>
    </message>
    <message>
        <source>Awaiting center leader</source>
        <translation>待中心领导审批</translation>
    </message>
    <message>
        <source>Awaiting coordination group</source>
        <translation>待协调小组分析</translation>
    </message>
    <message>
        <source>Awaiting quality check</source>
        <translation>待质检审核</translation>
    </message>
    <message>
        <source>Awaiting audit confirmation</source>
        <translation>待审核确认</translation>
    </message>
    <message>
        <source>Awaiting reply to customer</source>
        <translation>待反馈客户</translation>
    </message>
    <message>
        <source>Solved</source>
        <translation>已完结</translation>
    </message>
    <message>
        <source>Return-visited</source>
        <translation>已回访</translation>
    </message>
    <message>
        <source>Dispatch</source>
        <translation>派单</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>接单</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>退回</translation>
    </message>
    <message>
        <source>Appointment</source>
        <translation>预约</translation>
    </message>
    <message>
        <source>Start handling</source>
        <translation>开始处理</translation>
    </message>
    <message>
        <source>Block</source>
        <translation>挂起（未完结）</translation>
    </message>
    <message>
        <source>Unblock</source>
        <translation>恢复处理</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>办结</translation>
    </message>
    <message>
        <source>Return visit</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>重新处理</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>归档</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>审批通过</translation>
    </message>
    <message>
        <source>Send back</source>
        <translation>退回修改</translation>
    </message>
    <message>
        <source>Reply to customer</source>
        <translation>反馈客户</translation>
    </message>
    <message>
        <source>Transfer to another department</source>
        <translation>转派其他部门</translation>
    </message>
    <message>
        <source>Slip returned</source>
        <translation>返单</translation>
    </message>
    <message>
        <source>Data problem: back to the service center</source>
        <translation>数据问题退回客服中心</translation>
    </message>
    <message>
        <source>Department leader approves</source>
        <translation>部门领导审批</translation>
    </message>
    <message>
        <source>Office reviews</source>
        <translation>办公室审核</translation>
    </message>
    <message>
        <source>Center leader approves</source>
        <translation>中心领导审批</translation>
    </message>
    <message>
        <source>Coordination group analyses</source>
        <translation>协调小组分析</translation>
    </message>
    <message>
        <source>Quality department checks</source>
        <translation>质检审核</translation>
    </message>
    <message>
        <source>Audit center confirms</source>
        <translation>审核中心确认</translation>
    </message>
    <message>
        <source>Front desk replies</source>
        <translation>前台反馈客户</translation>
    </message>
    <message>
        <source>Patrol</source>
        <translation>巡视</translation>
    </message>
    <message>
        <source>Weekly check</source>
        <translation>周检</translation>
    </message>
    <message>
        <source>Monthly check</source>
        <translation>月检</translation>
    </message>
    <message>
        <source>Property company&apos;s</source>
        <translation>物业责任</translation>
    </message>
    <message>
        <source>Our repair side&apos;s</source>
        <translation>新元责任</translation>
    </message>
    <message>
        <source>Safety hazard</source>
        <translation>安全隐患</translation>
    </message>
    <message>
        <source>No notice</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Told orally / by WeChat</source>
        <translation>口头或微信通知</translation>
    </message>
    <message>
        <source>Work contact sheet</source>
        <translation>工作联系单</translation>
    </message>
    <message>
        <source>Rectification notice</source>
        <translation>整改通知单</translation>
    </message>
    <message>
        <source>Not yet due</source>
        <translation>未到时间</translation>
    </message>
    <message>
        <source>To do</source>
        <translation>待做</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>已超期</translation>
    </message>
    <message>
        <source>View</source>
        <translation>查看</translation>
    </message>
    <message>
        <source>Mark sensitive</source>
        <translation>标记敏感</translation>
    </message>
    <message>
        <source>Owner&apos;s answer to the price</source>
        <translation>业主意见</translation>
    </message>
    <message>
        <source>Issue a construction task</source>
        <translation>开具建设任务单</translation>
    </message>
    <message>
        <source>Marketing confirms construction</source>
        <translation>营销部门确认</translation>
    </message>
    <message>
        <source>Construction done</source>
        <translation>施工完毕</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>本周</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>自定义期间</translation>
    </message>
    <message>
        <source>By day</source>
        <translation>按日</translation>
    </message>
    <message>
        <source>By week</source>
        <translation>按周</translation>
    </message>
    <message>
        <source>By month</source>
        <translation>按月</translation>
    </message>
    <message>
        <source>Calls and visits</source>
        <translation>来电来访</translation>
    </message>
    <message>
        <source>New tickets</source>
        <translation>新建工单</translation>
    </message>
    <message>
        <source>Completed tickets</source>
        <translation>办结工单</translation>
    </message>
    <message>
        <source>Open now</source>
        <translation>在办工单</translation>
    </message>
    <message>
        <source>Approaching now</source>
        <translation>即将超时</translation>
    </message>
    <message>
        <source>Overdue now</source>
        <translation>已超时</translation>
    </message>
    <message>
        <source>Response on time</source>
        <translation>响应及时率</translation>
    </message>
    <message>
        <source>Transfer on time</source>
        <translation>转派及时率</translation>
    </message>
    <message>
        <source>On site on time</source>
        <translation>到场及时率</translation>
    </message>
    <message>
        <source>Resolution on time</source>
        <translation>办结及时率</translation>
    </message>
    <message>
        <source>Feedback on time</source>
        <translation>反馈及时率</translation>
    </message>
    <message>
        <source>Return visit on time</source>
        <translation>回访及时率</translation>
    </message>
    <message>
        <source>First-contact resolution</source>
        <translation>一次解决率</translation>
    </message>
    <message>
        <source>Answered from the knowledge base</source>
        <translation>知识库解答率</translation>
    </message>
    <message>
        <source>Return-visit coverage</source>
        <translation>回访率</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意率</translation>
    </message>
    <message>
        <source>Formal complaints (申告)</source>
        <translation>申告</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Handler</source>
        <translation>承接人</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>工单类型</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>片区</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>受理渠道</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>站点</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>办结</translation>
    </message>
    <message>
        <source>Open at present</source>
        <translation>在办</translation>
    </message>
    <message>
        <source>Overdue at present</source>
        <translation>超时</translation>
    </message>
    <message>
        <source>Resolution/feedback due</source>
        <translation>办结/反馈到期</translation>
    </message>
    <message>
        <source>Resolution/feedback on time</source>
        <translation>办结/反馈及时</translation>
    </message>
    <message>
        <source>Dispatch slip</source>
        <translation>派工单</translation>
    </message>
    <message>
        <source>FTTH construction task sheet</source>
        <translation>FTTH待装工单建设任务单</translation>
    </message>
    <message>
        <source>Ticket handling form</source>
        <translation>工单处理单</translation>
    </message>
    <message>
        <source>Call and visit register</source>
        <translation>来电来访登记表</translation>
    </message>
    <message>
        <source>Customer complaint register</source>
        <translation>客户投诉登记表</translation>
    </message>
    <message>
        <source>Repair return-visit register</source>
        <translation>维修回访登记表</translation>
    </message>
    <message>
        <source>Resident complaint incident report</source>
        <translation>住户投诉事件报告</translation>
    </message>
    <message>
        <source>Weekly / monthly checklist</source>
        <translation>周检/月检检查表</translation>
    </message>
    <message>
        <source>Incoming</source>
        <translation>呼入</translation>
    </message>
    <message>
        <source>Outgoing</source>
        <translation>呼出</translation>
    </message>
    <message>
        <source>Incoming call</source>
        <translation>来电</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>来访</translation>
    </message>
    <message>
        <source>Outgoing call</source>
        <translation>去电</translation>
    </message>
    <message>
        <source>After a complaint</source>
        <translation>投诉回访</translation>
    </message>
    <message>
        <source>After a repair</source>
        <translation>报修回访</translation>
    </message>
    <message>
        <source>Periodic</source>
        <translation>定期回访</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>待回访</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已回访</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>Limit</name>
    <message>
        <source>the same day</source>
        <translation>当日</translation>
    </message>
    <message>
        <source>{n} min</source>
        <translation>{n}分钟</translation>
    </message>
    <message>
        <source>{n} h</source>
        <translation>{n}小时</translation>
    </message>
    <message>
        <source>{n} working hour</source>
        <translation>{n}个工作小时</translation>
    </message>
    <message>
        <source>{n} working hours</source>
        <translation>{n}个工作小时</translation>
    </message>
    <message>
        <source>{n} working day</source>
        <translation>{n}个工作日</translation>
    </message>
    <message>
        <source>{n} working days</source>
        <translation>{n}个工作日</translation>
    </message>
    <message>
        <source>{n} day</source>
        <translation>{n}天</translation>
    </message>
    <message>
        <source>{n} days</source>
        <translation>{n}天</translation>
    </message>
</context>
<context>
    <name>LineTicketDialog</name>
    <message>
        <source>Make a ticket of the line</source>
        <translation>将登记行生成工单</translation>
    </message>
    <message>
        <source>{time} {kind} · {caller} {phone}</source>
        <translation>{time} {kind} · {caller} {phone}</translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation>类型(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Description</source>
        <translation>工单内容(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Address</source>
        <translation>地址(&amp;A)</translation>
    </message>
    <message>
        <source>A&amp;rea</source>
        <translation>片区(&amp;R)</translation>
    </message>
    <message>
        <source>Make the ticket</source>
        <translation>生成工单</translation>
    </message>
    <message>
        <source>Could not save. Nothing was changed; try again.</source>
        <translation>未能保存，未作任何更改；请重试。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Intake</source>
        <translation>受理台</translation>
    </message>
    <message>
        <source>Ticket details</source>
        <translation>工单详情</translation>
    </message>
    <message>
        <source>Toolbar</source>
        <translation>工具栏</translation>
    </message>
    <message>
        <source>New call</source>
        <translation>新来电</translation>
    </message>
    <message>
        <source>Take a new call or visit (Ctrl+N)</source>
        <translation>受理新的来电或来访（Ctrl+N）</translation>
    </message>
    <message>
        <source>Search tickets</source>
        <translation>查找工单</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Switch user / sign out</source>
        <translation>切换用户/退出登录</translation>
    </message>
    <message>
        <source>Sign out; the next person signs in at this desk</source>
        <translation>退出登录，由下一位人员在本工作台登录</translation>
    </message>
    <message>
        <source>Change password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <source>Shift handover…</source>
        <translation>交接班…</translation>
    </message>
    <message>
        <source>Escalation reports…</source>
        <translation>请示报告…</translation>
    </message>
    <message>
        <source>Patrol and checks…</source>
        <translation>巡视检查…</translation>
    </message>
    <message>
        <source>Call and visit register…</source>
        <translation>来电来访登记表…</translation>
    </message>
    <message>
        <source>The day&apos;s calls and visits, incoming and outgoing</source>
        <translation>当天的来电、来访与去电</translation>
    </message>
    <message>
        <source>Knowledge base…</source>
        <translation>知识库…</translation>
    </message>
    <message>
        <source>Search the agreed answers; write and retire them (Ctrl+Shift+B)</source>
        <translation>检索统一答复口径；编写和停用知识条目（Ctrl+Shift+B）</translation>
    </message>
    <message>
        <source>Summary…</source>
        <translation>统计汇总…</translation>
    </message>
    <message>
        <source>Figures, on-time rates and trends of any period (Ctrl+Shift+S)</source>
        <translation>任意期间的工单数据、及时率与趋势（Ctrl+Shift+S）</translation>
    </message>
    <message>
        <source>Customer archive…</source>
        <translation>客户档案…</translation>
    </message>
    <message>
        <source>Find, read and edit customers&apos; archives (Ctrl+Shift+K)</source>
        <translation>查找、查阅和修改客户档案（Ctrl+Shift+K）</translation>
    </message>
    <message>
        <source>System administration…</source>
        <translation>系统管理…</translation>
    </message>
    <message>
        <source>Dispatch slips on A5 paper</source>
        <translation>派工单用A5纸打印</translation>
    </message>
    <message>
        <source>This desk prints dispatch slips on A5 (the A4 form scaled down)</source>
        <translation>本台前台用A5纸打印派工单（A4表单按比例缩小）</translation>
    </message>
    <message>
        <source>Print the selected tickets&apos; slips…</source>
        <translation>批量打印派工单…</translation>
    </message>
    <message>
        <source>Dispatch slips of every selected row (Ctrl- or Shift-click to select several), in one preview to print</source>
        <translation>所选各行工单的派工单（按住 Ctrl 或 Shift 点击可多选），在一个预览中打印</translation>
    </message>
    <message>
        <source>Export to Excel…</source>
        <translation>导出Excel…</translation>
    </message>
    <message>
        <source>Back up the database…</source>
        <translation>备份数据库…</translation>
    </message>
    <message>
        <source>Save the tickets of the queue shown, as searched and sorted, to an Excel workbook</source>
        <translation>将当前队列的工单（按当前查询和排序）导出为Excel工作簿</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <source>Search number, phone, name or address (Ctrl+F)</source>
        <translation>搜索工单编号、电话、姓名或地址（Ctrl+F）</translation>
    </message>
    <message>
        <source>Follow-up calls ({count})</source>
        <translation>回访跟踪（{count}）</translation>
    </message>
    <message>
        <source>Follow-up calls</source>
        <translation>回访跟踪</translation>
    </message>
    <message>
        <source>{count} follow-up call(s) due today or overdue</source>
        <translation>今日到期或逾期的回访跟踪 {count} 个</translation>
    </message>
    <message>
        <source>Daily backup… {done}/{total}</source>
        <translation>每日备份… {done}/{total}</translation>
    </message>
    <message>
        <source>Daily backup saved: {path}</source>
        <translation>每日备份已保存：{path}</translation>
    </message>
    <message>
        <source>The daily backup failed: {reason}</source>
        <translation>每日备份失败：{reason}</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>统计汇总</translation>
    </message>
    <message>
        <source>Print slips</source>
        <translation>批量打印派工单</translation>
    </message>
    <message>
        <source>Select the tickets first (Ctrl- or Shift-click for several).</source>
        <translation>请先选择工单（按住 Ctrl 或 Shift 点击可多选）。</translation>
    </message>
    <message>
        <source>Customer archive</source>
        <translation>客户档案</translation>
    </message>
    <message>
        <source>Signed in as {name} ({role})</source>
        <translation>已登录：{name}（{role}）</translation>
    </message>
    <message>
        <source>{organization} – {name} ({role}) – Service Desk</source>
        <translation>{organization} – {name}（{role}）– 工单台</translation>
    </message>
    <message>
        <source>Service Desk – {name}: {count} unread</source>
        <translation>工单台 – {name}：{count} 条未读</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Work</source>
        <translation>工作(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Administration</source>
        <translation>管理(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Database: {name}</source>
        <translation>数据库：{name}</translation>
    </message>
    <message>
        <source>System administration</source>
        <translation>系统管理</translation>
    </message>
    <message>
        <source>{count} found</source>
        <translation>找到 {count} 条</translation>
    </message>
    <message>
        <source>No official holiday schedule for {year} yet: deadlines in it are provisional</source>
        <translation>尚无 {year} 年官方放假安排：该年度的截止时间为暂定</translation>
    </message>
    <message>
        <source>Working days for these years are computed by rule (weekends and statutory holidays, no adjusted working days). An administrator can import the official schedule once it is published.</source>
        <translation>这些年份的工作日按规则推算（周末和法定节假日，不含调休上班）。官方放假安排公布后，管理员可将其导入。</translation>
    </message>
    <message>
        <source>{count} new notices</source>
        <translation>{count} 条新通知</translation>
    </message>
    <message>
        <source>The database is back: saved what was kept on this PC ({n}).</source>
        <translation>数据库已恢复：本机暂存的 {n} 条已保存。</translation>
    </message>
    <message>
        <source>The database is back; refused of what was kept on this PC ({n}): {reason}</source>
        <translation>数据库已恢复；本机暂存的内容中有 {n} 条未能保存：{reason}</translation>
    </message>
    <message>
        <source>Your password was changed.</source>
        <translation>您的密码已修改。</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Switch the language now? The window closes and opens again; what you typed is lost.</source>
        <translation>现在切换语言吗？窗口将关闭并重新打开，已输入的内容将丢失。</translation>
    </message>
    <message>
        <source>The new language applies at the next start.</source>
        <translation>新语言将在下次启动时生效。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Service Desk&lt;/b&gt; {version}&lt;br&gt;Work orders for the front desk of a service center: intake, dispatch, time limits, return visits and printed forms.</source>
        <translation>&lt;b&gt;工单台&lt;/b&gt; {version}&lt;br&gt;服务中心前台工单系统：受理、派单、时限、回访和打印表单。</translation>
    </message>
</context>
<context>
    <name>MeetingAnswerDialog</name>
    <message>
        <source>Save to the knowledge base (weekly meeting&apos;s answer)</source>
        <translation>存入知识库（班务会答复口径）</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Ticket {number}: the answer agreed at the weekly meeting becomes a knowledge-base article every representative finds.</source>
        <translation>工单 {number}：班务会统一的答复口径存为知识条目，每位业务代表都能查到。</translation>
    </message>
    <message>
        <source>&amp;Meeting date</source>
        <translation>班务会日期(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Question</source>
        <translation>问题(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Answer</source>
        <translation>答复(&amp;A)</translation>
    </message>
    <message>
        <source>The article could not be saved. Nothing was written; try again.</source>
        <translation>知识条目未能保存，未写入任何内容；请重试。</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>Phones</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Addresses</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>家庭</translation>
    </message>
    <message>
        <source>Occupation</source>
        <translation>职业</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <source>{calls} calls · {tickets} tickets · {complaints} complaints</source>
        <translation>来电 {calls} 次 · 工单 {tickets} 张 · 投诉 {complaints} 次</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>建档时间</translation>
    </message>
    <message>
        <source>Merge duplicate archives</source>
        <translation>合并重复档案</translation>
    </message>
    <message>
        <source>Likely duplicates:</source>
        <translation>可能重复的档案：</translation>
    </message>
    <message>
        <source>Kept</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>Duplicate (merged into the kept archive)</source>
        <translation>重复档案（并入保留的档案）</translation>
    </message>
    <message>
        <source>Find the duplicate: phone, name, pinyin…</source>
        <translation>查找重复档案：电话、姓名、拼音…</translation>
    </message>
    <message>
        <source>⇄ Swap</source>
        <translation>⇄ 对调</translation>
    </message>
    <message>
        <source>Keep the other archive instead</source>
        <translation>改为保留另一份档案</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message numerus="yes">
        <source>(%n suggestion(s))</source>
        <translation>
            <numerusform>（%n 条建议）</numerusform>
        </translation>
    </message>
    <message>
        <source>the same name and address</source>
        <translation>姓名和地址相同</translation>
    </message>
    <message>
        <source>a name that sounds the same and a number ending alike</source>
        <translation>姓名读音相同且号码尾数相同</translation>
    </message>
    <message>
        <source>#{a} and #{b}: {reason}</source>
        <translation>#{a} 与 #{b}：{reason}</translation>
    </message>
    <message>
        <source>Open an archive in the window, or pick a suggestion.</source>
        <translation>在窗口中打开一份档案，或选择一条建议。</translation>
    </message>
    <message>
        <source>Find the duplicate above, or pick a suggestion.</source>
        <translation>在上方查找重复档案，或选择一条建议。</translation>
    </message>
    <message>
        <source>Choose the two archives of the same customer.</source>
        <translation>请选择同一客户的两份档案。</translation>
    </message>
    <message>
        <source>Moves to {keep}: {numbers} number(s), {addresses} address(es), {members} member(s), {tickets} ticket(s) and {calls} call(s) of {duplicate}. The archive of {duplicate} stays, marked as merged, so that its history can be traced.</source>
        <translation>并入 {keep}：{duplicate} 的号码 {numbers} 个、地址 {addresses} 个、成员 {members} 人、工单 {tickets} 张、来电 {calls} 次。{duplicate} 的档案保留并标记为已合并，以便追溯其历史。</translation>
    </message>
    <message>
        <source>The archives could not be merged. Nothing was written; try again.</source>
        <translation>档案未能合并，未写入任何内容；请重试。</translation>
    </message>
</context>
<context>
    <name>MonthlyReport</name>
    <message>
        <source>Save the monthly report of {month}</source>
        <translation>保存{month}月度工单统计报告</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Saved the monthly report of {month} to {path}.</source>
        <translation>已将{month}月度报告保存到 {path}。</translation>
    </message>
    <message>
        <source>Monthly report</source>
        <translation>月度工单统计报告</translation>
    </message>
    <message>
        <source>Writing the report of {month}…</source>
        <translation>正在生成{month}月度报告…</translation>
    </message>
</context>
<context>
    <name>NotificationsDock</name>
    <message>
        <source>Failed to send ({count}): sending again…</source>
        <translation>发送失败（{count}）：正在重新发送…</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>邮件</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>短信</translation>
    </message>
    <message>
        <source>Failed to send ({count})</source>
        <translation>发送失败（{count}）</translation>
    </message>
    <message>
        <source>{count} unread</source>
        <translation>{count} 条未读</translation>
    </message>
    <message>
        <source>No unread notices</source>
        <translation>无未读通知</translation>
    </message>
    <message>
        <source>Notices</source>
        <translation>通知</translation>
    </message>
    <message>
        <source>Mark all read</source>
        <translation>全部已读</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Send the selected message again now</source>
        <translation>立即重新发送所选消息</translation>
    </message>
    <message>
        <source>Double-click a notice to open its ticket</source>
        <translation>双击通知可打开对应工单</translation>
    </message>
    <message>
        <source>To</source>
        <translation>收件人</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>接收地址</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>最近错误</translation>
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
        <translation>时限即将超时</translation>
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
        <source>The settings could not be read: {error}</source>
        <translation>无法读取设置：{error}</translation>
    </message>
    <message>
        <source>empty: no password</source>
        <translation>留空：无密码</translation>
    </message>
    <message>
        <source>•••••• (set); type to replace</source>
        <translation>••••••（已设置）；输入即可替换</translation>
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
    <name>OperationDialog</name>
    <message>
        <source>&amp;Note</source>
        <translation>备注(&amp;N)</translation>
    </message>
</context>
<context>
    <name>OutageBanner</name>
    <message>
        <source>The database cannot be reached right now; retrying…</source>
        <translation>数据库暂时无法连接，正在重试…</translation>
    </message>
    <message>
        <source>Retry now</source>
        <translation>立即重试</translation>
    </message>
    <message>
        <source>Kept on this PC…</source>
        <translation>本机暂存…</translation>
    </message>
    <message>
        <source>The database is back.</source>
        <translation>数据库已恢复。</translation>
    </message>
    <message>
        <source>Not saved of what was kept on this PC: {n}. Open the list to see why and do it again.</source>
        <translation>本机暂存中未能保存的：{n} 条。请打开列表查看原因并重新办理。</translation>
    </message>
    <message>
        <source>Kept on this PC: {n}. They are saved when the database is back.</source>
        <translation>本机暂存 {n} 条，数据库恢复后自动保存。</translation>
    </message>
    <message>
        <source>What you type is kept on this PC and saved when it is back.</source>
        <translation>录入内容将暂存在本机，数据库恢复后自动保存。</translation>
    </message>
</context>
<context>
    <name>PaperJob</name>
    <message>
        <source>The paper could not be made: {error}</source>
        <translation>表单生成失败：{error}</translation>
    </message>
    <message>
        <source>Making {title}…</source>
        <translation>正在生成{title}…</translation>
    </message>
    <message>
        <source>Dispatch slips of {count} tickets</source>
        <translation>{count} 张工单的派工单</translation>
    </message>
    <message>
        <source>Dispatch slips.pdf</source>
        <translation>派工单.pdf</translation>
    </message>
    <message>
        <source>Making {count} dispatch slips…</source>
        <translation>正在生成 {count} 张派工单…</translation>
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
    <name>PdfPreviewDialog</name>
    <message>
        <source>Previous page</source>
        <translation>上一页</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>下一页</translation>
    </message>
    <message>
        <source>of {count}</source>
        <translation>/ 共 {count} 页</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>适合宽度</translation>
    </message>
    <message>
        <source>Whole page</source>
        <translation>整页</translation>
    </message>
    <message>
        <source>&amp;Save PDF…</source>
        <translation>另存为PDF(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>fit to width</source>
        <translation>适合宽度</translation>
    </message>
    <message>
        <source>whole page</source>
        <translation>整页</translation>
    </message>
    <message>
        <source>The printer could not be opened.</source>
        <translation>无法打开打印机。</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>另存为PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Could not save: {error}</source>
        <translation>保存失败：{error}</translation>
    </message>
    <message>
        <source>Saved to {path}</source>
        <translation>已保存到 {path}</translation>
    </message>
    <message>
        <source>Sent {count} pages to the printer</source>
        <translation>已发送 {count} 页到打印机</translation>
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
        <source>Also run the priority matrix&apos;s response and resolution limits</source>
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
        <source>A limit left empty is not run; the policy&apos;s own limits win over the priority matrix&apos;s.</source>
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
        <source>Follow-up calls</source>
        <translation>回访跟踪</translation>
    </message>
    <message>
        <source>Days from the return visit of a complaint or a repair to the desk&apos;s follow-up call; 0: no call.</source>
        <translation>投诉或报修回访后到前台回访跟踪的天数；0 表示不回访。</translation>
    </message>
    <message>
        <source>After a &amp;complaint:</source>
        <translation>投诉后(&amp;C)：</translation>
    </message>
    <message>
        <source>After a re&amp;pair:</source>
        <translation>报修后(&amp;P)：</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Save follow-up calls</source>
        <translation>保存回访跟踪设置</translation>
    </message>
    <message>
        <source>Phone numbers</source>
        <translation>电话号码</translation>
    </message>
    <message>
        <source>A local landline typed without its area code (62345678) is completed with this one, everywhere a number is typed; empty: none.</source>
        <translation>不带区号输入的本地固定电话（如 62345678）在各处都以此区号补全；留空表示不补全。</translation>
    </message>
    <message>
        <source>&amp;Local area code:</source>
        <translation>本地区号(&amp;L)：</translation>
    </message>
    <message>
        <source>e.g. 010</source>
        <translation>如 010</translation>
    </message>
    <message>
        <source>Save area code</source>
        <translation>保存区号</translation>
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
    <message>
        <source>Saved: it applies to the return visits from now on.</source>
        <translation>已保存：自此以后的回访按新设置计划。</translation>
    </message>
    <message>
        <source>Saved: numbers typed from now on use this area code.</source>
        <translation>已保存：此后输入的号码按此区号补全。</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <source>(only the newest {n} matches shown)</source>
        <translation>（仅显示最近的 {n} 条匹配）</translation>
    </message>
    <message>
        <source>Time left on the earliest running limit</source>
        <translation>正在计时的时限中最早到期者的剩余时间</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>工单编号</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Caller</source>
        <translation>来电人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>登记时间</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>剩余时间</translation>
    </message>
</context>
<context>
    <name>QuoteDialog</name>
    <message>
        <source>Quote price</source>
        <translation>有偿维修报价</translation>
    </message>
    <message>
        <source>Quote</source>
        <translation>报价</translation>
    </message>
    <message>
        <source>Yuan, e.g. 180 or 65.50</source>
        <translation>单位：元，如 180 或 65.50</translation>
    </message>
    <message>
        <source>&amp;Price (yuan)</source>
        <translation>价格（元）(&amp;P)</translation>
    </message>
    <message>
        <source>Optional: parts and labour</source>
        <translation>选填：材料费和人工费</translation>
    </message>
</context>
<context>
    <name>RegisterCustomerDialog</name>
    <message>
        <source>Register customer</source>
        <translation>登记客户</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>登记</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>姓名(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Address</source>
        <translation>地址(&amp;A)</translation>
    </message>
    <message>
        <source>A&amp;rea</source>
        <translation>片区(&amp;R)</translation>
    </message>
    <message>
        <source>{count} ticket(s) of this number wait in quarantine; they are released to the normal queues once the customer is registered.</source>
        <translation>此号码有 {count} 张工单在隔离区等待；客户登记后将转入正常队列。</translation>
    </message>
    <message>
        <source>(not known)</source>
        <translation>（不详）</translation>
    </message>
    <message>
        <source>Household size</source>
        <translation>家庭人口</translation>
    </message>
    <message>
        <source>Birth year</source>
        <translation>出生年份</translation>
    </message>
    <message>
        <source>Occupation</source>
        <translation>职业</translation>
    </message>
    <message>
        <source>Interests</source>
        <translation>兴趣爱好</translation>
    </message>
    <message>
        <source>Pets</source>
        <translation>宠物情况</translation>
    </message>
    <message>
        <source>Festivals kept</source>
        <translation>关注的节日</translation>
    </message>
    <message>
        <source>Service needs</source>
        <translation>服务需求</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>More about the household (optional)</source>
        <translation>家庭详情（选填）</translation>
    </message>
</context>
<context>
    <name>RegisterDialog</name>
    <message>
        <source>Call and visit register</source>
        <translation>来电来访登记表</translation>
    </message>
    <message>
        <source>&amp;Day</source>
        <translation>日期(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>备注(&amp;N)</translation>
    </message>
    <message>
        <source>Print this day…</source>
        <translation>打印本日登记表…</translation>
    </message>
    <message>
        <source>Print this month…</source>
        <translation>打印本月登记表…</translation>
    </message>
    <message>
        <source>Optional, e.g. checked against the recordings</source>
        <translation>选填，例如：已核对通话录音</translation>
    </message>
    <message>
        <source>&amp;Sign</source>
        <translation>签署(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Archive this month</source>
        <translation>归档本月(&amp;A)</translation>
    </message>
    <message>
        <source>S&amp;how</source>
        <translation>显示(&amp;H)</translation>
    </message>
    <message>
        <source>All lines</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Incoming</source>
        <translation>呼入</translation>
    </message>
    <message>
        <source>Outgoing</source>
        <translation>呼出</translation>
    </message>
    <message>
        <source>Open lines</source>
        <translation>未关闭</translation>
    </message>
    <message>
        <source>What the caller was told, to close the line as answered</source>
        <translation>告知来电人的答复，用以将该行记为已解答</translation>
    </message>
    <message>
        <source>Ans&amp;wered</source>
        <translation>已解答(&amp;W)</translation>
    </message>
    <message>
        <source>Make a &amp;ticket…</source>
        <translation>生成工单(&amp;T)…</translation>
    </message>
    <message>
        <source>The register could not be read; try again.</source>
        <translation>登记表读取失败，请重试。</translation>
    </message>
    <message>
        <source>Signed: {name} {time}</source>
        <translation>已签署：{name} {time}</translation>
    </message>
    <message>
        <source>Not signed</source>
        <translation>未签署</translation>
    </message>
    <message>
        <source>{count} lines</source>
        <translation>共 {count} 条</translation>
    </message>
    <message>
        <source>month archived</source>
        <translation>本月已归档</translation>
    </message>
    <message>
        <source>Month {month}</source>
        <translation>月份：{month}</translation>
    </message>
    <message>
        <source>Archived: {name} {time}</source>
        <translation>已归档：{name} {time}</translation>
    </message>
    <message>
        <source>Not archived</source>
        <translation>未归档</translation>
    </message>
    <message>
        <source>{count} day(s) with calls not signed</source>
        <translation>{count} 天有来电来访未签署</translation>
    </message>
    <message>
        <source>Sign the register of this day: its lines cannot be changed afterwards</source>
        <translation>签署当天的登记表：签署后登记内容不能再修改</translation>
    </message>
    <message>
        <source>Archive the month&apos;s register</source>
        <translation>将本月的登记表归档</translation>
    </message>
    <message>
        <source>Select an open incoming line</source>
        <translation>请选择一条未关闭的呼入行</translation>
    </message>
    <message>
        <source>Close the line as answered at first contact: no ticket</source>
        <translation>记为当场解决，不生成工单</translation>
    </message>
    <message>
        <source>Make a ticket of this line</source>
        <translation>将该行生成工单</translation>
    </message>
    <message>
        <source>Could not save. Nothing was changed; try again.</source>
        <translation>保存失败，未做任何更改，请重试。</translation>
    </message>
    <message>
        <source>The register of {day} is signed ({count} lines).</source>
        <translation>{day} 的登记表已签署（共 {count} 条）。</translation>
    </message>
    <message>
        <source>The line of {caller} is closed as answered.</source>
        <translation>{caller} 的来电已记为已解答。</translation>
    </message>
    <message>
        <source>{month} is archived ({count} lines).</source>
        <translation>{month} 已归档（共 {count} 条）。</translation>
    </message>
    <message>
        <source>Ticket {number} was made of the line.</source>
        <translation>已由该行生成工单 {number}。</translation>
    </message>
</context>
<context>
    <name>RegisterModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Caller</source>
        <translation>来电人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>In/out</source>
        <translation>呼入/呼出</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Taken by</source>
        <translation>接待人</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>Transferred to</source>
        <translation>流转人</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>跟进情况</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>工单编号</translation>
    </message>
</context>
<context>
    <name>RegisterMonthModel</name>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>条数</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>签署</translation>
    </message>
    <message>
        <source>not signed</source>
        <translation>未签署</translation>
    </message>
</context>
<context>
    <name>ReplyDialog</name>
    <message>
        <source>Required: what the customer was told, and how (phone, visit)</source>
        <translation>必填：告知客户的内容及方式（电话、上门）</translation>
    </message>
    <message>
        <source>Approved solution</source>
        <translation>审批通过的处理意见</translation>
    </message>
    <message>
        <source>&amp;Customer was told</source>
        <translation>告知客户(&amp;C)</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>Escalation reports</source>
        <translation>请示报告</translation>
    </message>
    <message>
        <source>New report</source>
        <translation>新建请示报告</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>接收人(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Content</source>
        <translation>内容(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Emergency</source>
        <translation>紧急(&amp;E)</translation>
    </message>
    <message>
        <source>An emergency may skip one level; the skipped level is informed afterwards</source>
        <translation>紧急情况可越一级上报，事后须告知被越过的一级</translation>
    </message>
    <message>
        <source>Reports go up one level at a time</source>
        <translation>请示报告须逐级上报</translation>
    </message>
    <message>
        <source>What happened, what you ask for, by when</source>
        <translation>发生了什么、请示什么事项、何时需要答复</translation>
    </message>
    <message>
        <source>Send report</source>
        <translation>报送</translation>
    </message>
    <message>
        <source>My reports and reports to me</source>
        <translation>我发出和收到的请示报告</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>From</source>
        <translation>报告人</translation>
    </message>
    <message>
        <source>To</source>
        <translation>接收人</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>答复时间</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>答复</translation>
    </message>
    <message>
        <source>Answer to the selected report addressed to you</source>
        <translation>答复所选的发给您的请示报告</translation>
    </message>
    <message>
        <source>(emergency)</source>
        <translation>（紧急）</translation>
    </message>
    <message>
        <source>(skipped: {name})</source>
        <translation>（越过：{name}）</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>待答复</translation>
    </message>
    <message>
        <source>Nobody is one level up from you to report to.</source>
        <translation>没有可以上报的上一级人员。</translation>
    </message>
    <message>
        <source>Report sent to {name}.</source>
        <translation>请示报告已报送 {name}。</translation>
    </message>
    <message>
        <source>Answer sent to {name}.</source>
        <translation>答复已发送给 {name}。</translation>
    </message>
</context>
<context>
    <name>ResolveDialog</name>
    <message>
        <source>What was done, materials, result confirmed with the customer</source>
        <translation>处理过程、所用材料，以及经客户确认的结果</translation>
    </message>
    <message>
        <source>&amp;Solution</source>
        <translation>处理意见(&amp;S)</translation>
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
        <source>Rules are tried from the top. The first that matches sends the ticket straight to the department&apos;s receiver (直派); when none matches, the second-level dispatcher forwards it by hand (转派). An empty condition matches anything.</source>
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
        <source>Rule {position} matches, but {department} has no receiver: transfer dispatch (转派) by the second-level dispatcher.</source>
        <translation>匹配第{position}条规则，但{department}没有承接人：由二级客服转派。</translation>
    </message>
    <message>
        <source>Rule {position} matches: direct dispatch (直派) to {department}, receiver {receiver}.</source>
        <translation>匹配第 {position} 条规则：直派 {department}，承接人 {receiver}。</translation>
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
    <name>SatisfactionChart</name>
    <message>
        <source>Satisfaction of the return visits</source>
        <translation>回访满意度分布</translation>
    </message>
    <message>
        <source>Return visits: {count}</source>
        <translation>回访 {count} 次</translation>
    </message>
</context>
<context>
    <name>SensitiveDialog</name>
    <message>
        <source>Remove the mark</source>
        <translation>取消敏感标记</translation>
    </message>
    <message>
        <source>Mark sensitive</source>
        <translation>标记为敏感</translation>
    </message>
    <message>
        <source>A sensitive ticket is also approved by the office and the center leader before any reply.</source>
        <translation>敏感工单在答复客户前，还须经办公室和中心领导审批。</translation>
    </message>
    <message>
        <source>The office and the center leader no longer review this ticket.</source>
        <translation>办公室和中心领导将不再审核此工单。</translation>
    </message>
    <message>
        <source>Optional: public opinion, media, why</source>
        <translation>选填：舆情、媒体、原因</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Service Desk</source>
        <translation>工单台</translation>
    </message>
    <message>
        <source>Work-order desk: sign in to start</source>
        <translation>工单台：请登录</translation>
    </message>
    <message>
        <source>&amp;User name</source>
        <translation>用户名(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>密码(&amp;P)</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Database…</source>
        <translation>数据库…</translation>
    </message>
    <message>
        <source>Demo database: every account below signs in with the password {password}. Click a user name to fill it in.</source>
        <translation>演示数据库：以下所有账号的登录密码均为 {password}。点击用户名即可填入。</translation>
    </message>
    <message>
        <source>Saved. The desk opens this database from the next start.</source>
        <translation>已保存。本工位下次启动时打开此数据库。</translation>
    </message>
    <message>
        <source>Enter your user name.</source>
        <translation>请输入用户名。</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>正在登录…</translation>
    </message>
    <message>
        <source>Cannot sign in: the database cannot be reached.</source>
        <translation>无法登录：无法连接数据库。</translation>
    </message>
    <message>
        <source>Choose a new password to sign in.</source>
        <translation>请设置新密码后登录。</translation>
    </message>
</context>
<context>
    <name>SlipPreviewDialog</name>
    <message>
        <source>Dispatch slip {number}</source>
        <translation>派工单 {number}</translation>
    </message>
    <message>
        <source>Dispatch slip {number}.pdf</source>
        <translation>派工单 {number}.pdf</translation>
    </message>
</context>
<context>
    <name>StaffPage</name>
    <message>
        <source>Filter: name, user name, role, department</source>
        <translation>筛选：姓名、用户名、角色、部门</translation>
    </message>
    <message>
        <source>Everyone who signs in. Department roles (receiver, leader, field staff) act only on their department&apos;s tickets; a department&apos;s receiver is named on the next tab.</source>
        <translation>所有登录系统的人员。部门角色（承接人、主管、片区装维人员）只能处理本部门的工单；部门承接人在下一页指定。</translation>
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
        <source>The password was not set: the database cannot be reached.</source>
        <translation>密码未设置：无法连接数据库。</translation>
    </message>
    <message>
        <source>Unlocked.</source>
        <translation>已解锁。</translation>
    </message>
</context>
<context>
    <name>SummaryChart</name>
    <message>
        <source>(nothing in the period)</source>
        <translation>（期间内无数据）</translation>
    </message>
</context>
<context>
    <name>SummaryWindow</name>
    <message>
        <source>Summary toolbar</source>
        <translation>统计汇总工具栏</translation>
    </message>
    <message>
        <source>Any period: choose its first and last day</source>
        <translation>任意期间：选择开始和结束日期</translation>
    </message>
    <message>
        <source>First day of the period</source>
        <translation>期间开始日期</translation>
    </message>
    <message>
        <source>Last day of the period</source>
        <translation>期间结束日期</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Compute the figures again (F5)</source>
        <translation>重新计算（F5）</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <source>Call register / sign-off</source>
        <translation>来电来访登记表 / 签署</translation>
    </message>
    <message>
        <source>The day&apos;s call and visit register, and its signature</source>
        <translation>当日《来电来访登记表》及其签署</translation>
    </message>
    <message>
        <source>Export to Excel…</source>
        <translation>导出Excel…</translation>
    </message>
    <message>
        <source>Print monthly report…</source>
        <translation>打印月报…</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>Breakdown</source>
        <translation>分项统计</translation>
    </message>
    <message>
        <source>By channel</source>
        <translation>按受理渠道</translation>
    </message>
    <message>
        <source>Complaint hot spots</source>
        <translation>投诉热点</translation>
    </message>
    <message>
        <source>Summary – {name}</source>
        <translation>统计汇总 – {name}</translation>
    </message>
    <message>
        <source>Read by {name} ({role})</source>
        <translation>查阅人：{name}（{role}）</translation>
    </message>
    <message>
        <source>the whole center</source>
        <translation>全中心</translation>
    </message>
    <message>
        <source>what you may read</source>
        <translation>本人可查阅的工单</translation>
    </message>
    <message>
        <source>Covers: {scope}</source>
        <translation>统计范围：{scope}</translation>
    </message>
    <message>
        <source>Period: {period}</source>
        <translation>期间：{period}</translation>
    </message>
    <message>
        <source>As of {time}</source>
        <translation>截至 {time}</translation>
    </message>
    <message>
        <source>read-only</source>
        <translation>只读</translation>
    </message>
    <message>
        <source>The figures could not be computed: {error}</source>
        <translation>统计失败：{error}</translation>
    </message>
</context>
<context>
    <name>TicketOps</name>
    <message>
        <source>Escalate…</source>
        <translation>升级处理…</translation>
    </message>
    <message>
        <source>Not sensitive…</source>
        <translation>取消敏感…</translation>
    </message>
    <message>
        <source>Mark sensitive…</source>
        <translation>标记敏感…</translation>
    </message>
    <message>
        <source>Circulate…</source>
        <translation>公告传阅…</translation>
    </message>
    <message>
        <source>Quote price…</source>
        <translation>报价…</translation>
    </message>
    <message>
        <source>Owner&apos;s answer…</source>
        <translation>业主意见…</translation>
    </message>
    <message>
        <source>Issue construction task…</source>
        <translation>下发建设任务单…</translation>
    </message>
    <message>
        <source>Marketing confirms</source>
        <translation>营销部门确认</translation>
    </message>
    <message>
        <source>Construction done…</source>
        <translation>施工完毕…</translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <source>Choose a department…</source>
        <translation>请选择部门…</translation>
    </message>
    <message>
        <source>Required: why the other department should handle it</source>
        <translation>必填：为何应由该部门办理</translation>
    </message>
    <message>
        <source>&amp;Department</source>
        <translation>部门(&amp;D)</translation>
    </message>
    <message>
        <source>Receiver</source>
        <translation>承接人</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>原因(&amp;R)</translation>
    </message>
    <message>
        <source>No receiver named: ask the administrator</source>
        <translation>未指定承接人：请联系管理员</translation>
    </message>
</context>
<context>
    <name>TrendChart</name>
    <message>
        <source>Trend: new, completed and overdue</source>
        <translation>趋势：新建、办结与超时</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>办结</translation>
    </message>
    <message>
        <source>Overdue (resolution missed)</source>
        <translation>超时（办结超时）</translation>
    </message>
</context>
<context>
    <name>VisitDialog</name>
    <message>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>原因(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>备注(&amp;N)</translation>
    </message>
    <message>
        <source>Required: what is still wrong; the ticket goes back to the department</source>
        <translation>必填：仍未解决的问题；工单将交回部门重新处理</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>选填</translation>
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
        <translation>节假日</translation>
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
<context>
    <name>_CoordinationDialog</name>
    <message>
        <source>Could not save. Nothing was changed; try again.</source>
        <translation>保存失败，未做任何更改，请重试。</translation>
    </message>
</context>
</TS>
