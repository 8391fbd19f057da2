<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AppShell</name>
    <message>
        <source>Wrong PIN.</source>
        <translation>密码错误。</translation>
    </message>
</context>
<context>
    <name>AttractPage</name>
    <message>
        <source>24-hour self-service</source>
        <translation>24小时自助服务</translation>
    </message>
    <message numerus="yes">
        <source>%n services for residents: social security, medical insurance, elderly care, childcare, housing fund and more</source>
        <translation>
            <numerusform>社保、医保、养老、育儿、公积金等 %n 项便民服务</numerusform></translation>
    </message>
    <message>
        <source>Touch to start</source>
        <translation>轻触屏幕开始</translation>
    </message>
    <message>
        <source>or place your ID card on the reader below</source>
        <translation>或将身份证放在下方读卡区</translation>
    </message>
    <message>
        <source>Large text (大字版) and English are available after you start</source>
        <translation>开始后可切换大字版和 English</translation>
    </message>
</context>
<context>
    <name>CategoryTile</name>
    <message numerus="yes">
        <source>%n service(s)</source>
        <translation>
            <numerusform>%n 项服务</numerusform></translation>
    </message>
</context>
<context>
    <name>ConfirmPopup</name>
    <message>
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>FacetListPage</name>
    <message numerus="yes">
        <source>%n service(s)</source>
        <translation>
            <numerusform>%n 项服务</numerusform></translation>
    </message>
</context>
<context>
    <name>HandlingBadge</name>
    <message>
        <source>Done here</source>
        <translation>全程自助</translation>
    </message>
    <message>
        <source>Apply here, collect at counter</source>
        <translation>终端申请·窗口领取</translation>
    </message>
    <message>
        <source>Guide only</source>
        <translation>办事指引</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <source>Search services</source>
        <translation>搜索事项</translation>
    </message>
    <message>
        <source>Search: type pinyin initials, e.g. sbcx</source>
        <translation>搜索事项：输入拼音首字母，如 sbcx</translation>
    </message>
    <message>
        <source>Services by need</source>
        <translation>按服务类别</translation>
    </message>
    <message>
        <source>By department</source>
        <translation>按部门查找</translation>
    </message>
    <message>
        <source>By life event</source>
        <translation>按人生事件查找</translation>
    </message>
    <message>
        <source>Most used</source>
        <translation>常办事项</translation>
    </message>
    <message>
        <source>More ›</source>
        <translation>更多 ›</translation>
    </message>
</context>
<context>
    <name>IdleWarningPopup</name>
    <message>
        <source>Are you still there?</source>
        <translation>您还在办理吗？</translation>
    </message>
    <message numerus="yes">
        <source>In %n second(s) this screen returns to the start and everything you entered is cleared.</source>
        <translation>
            <numerusform>%n 秒后将返回首页，并清除您输入的全部信息。</numerusform></translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续办理</translation>
    </message>
</context>
<context>
    <name>NavigationPanel</name>
    <message>
        <source>‹ Back</source>
        <translation>‹ 返回</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>首页</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>结束办理</translation>
    </message>
</context>
<context>
    <name>PagerBar</name>
    <message>
        <source>Previous page</source>
        <translation>上一页</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>第 %1 / %2 页</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>下一页</translation>
    </message>
</context>
<context>
    <name>PinPopup</name>
    <message>
        <source>Staff PIN</source>
        <translation>工作人员密码</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>SearchPage</name>
    <message>
        <source>Type pinyin or its initials</source>
        <translation>请输入拼音或拼音首字母</translation>
    </message>
    <message>
        <source>For 社保查询 type sbcx or shebaochaxun</source>
        <translation>例如查“社保查询”，输入 sbcx 或 shebaochaxun</translation>
    </message>
    <message numerus="yes">
        <source>%n result(s)</source>
        <translation>
            <numerusform>找到 %n 项</numerusform></translation>
    </message>
    <message>
        <source>Nothing found. Check the letters, or browse by need on the home page.</source>
        <translation>没有找到相关事项。请检查输入的字母，或回到首页按类别查找。</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
</context>
<context>
    <name>ServiceDetailPage</name>
    <message>
        <source>On the spot</source>
        <translation>即办</translation>
    </message>
    <message numerus="yes">
        <source>%n working day(s)</source>
        <translation>
            <numerusform>%n 个工作日</numerusform></translation>
    </message>
    <message>
        <source>Completed entirely at this terminal.</source>
        <translation>在本终端即可全程办理。</translation>
    </message>
    <message>
        <source>Apply at this terminal, then collect the result at the counter.</source>
        <translation>在本终端提交申请，办结后到窗口领取。</translation>
    </message>
    <message>
        <source>This terminal explains the service; it is handled at a counter.</source>
        <translation>本终端提供办事指引，需到窗口办理。</translation>
    </message>
    <message>
        <source>Code %1</source>
        <translation>事项编码 %1</translation>
    </message>
    <message>
        <source>How it is handled</source>
        <translation>办理方式</translation>
    </message>
    <message>
        <source>Where: %1</source>
        <translation>办理地点：%1</translation>
    </message>
    <message>
        <source>Time limit and fee</source>
        <translation>办理时限与收费</translation>
    </message>
    <message>
        <source>Promised: %1 · Legal limit: %2</source>
        <translation>承诺时限：%1 · 法定时限：%2</translation>
    </message>
    <message>
        <source>Fee: %1 yuan (%2)</source>
        <translation>收费：%1 元（%2）</translation>
    </message>
    <message>
        <source>Fee: free of charge</source>
        <translation>收费：不收费</translation>
    </message>
    <message>
        <source>Who can apply</source>
        <translation>申请条件</translation>
    </message>
    <message>
        <source>What to bring</source>
        <translation>所需材料</translation>
    </message>
    <message>
        <source>Nothing needs to be brought.</source>
        <translation>无需携带材料。</translation>
    </message>
    <message>
        <source> (if applicable)</source>
        <translation>（如有）</translation>
    </message>
    <message>
        <source>What happens next</source>
        <translation>办理流程与结果</translation>
    </message>
</context>
<context>
    <name>ServiceListPage</name>
    <message numerus="yes">
        <source>%n service(s)</source>
        <translation>
            <numerusform>%n 项服务</numerusform></translation>
    </message>
    <message>
        <source>No services here.</source>
        <translation>暂无事项。</translation>
    </message>
</context>
<context>
    <name>StaffQueuePage</name>
    <message>
        <source>Request queue (staff)</source>
        <translation>申请发送队列（工作人员）</translation>
    </message>
    <message>
        <source>The request store is unavailable: %1</source>
        <translation>申请存储不可用：%1</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>待发送</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>发送中</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>已送达</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>发送失败</translation>
    </message>
    <message numerus="yes">
        <source>Oldest waiting request: %n minute(s).</source>
        <translation>
            <numerusform>最早的待发送申请已等待 %n 分钟。</numerusform></translation>
    </message>
    <message>
        <source>Store used: %1%</source>
        <translation>存储已用 %1%</translation>
    </message>
    <message>
        <source>The request store is nearly full. Check the network and the platforms; failed requests can be discarded below.</source>
        <translation>申请存储即将用满。请检查网络和平台连接；发送失败的申请可在下方放弃。</translation>
    </message>
    <message>
        <source>Failed requests</source>
        <translation>发送失败的申请</translation>
    </message>
    <message>
        <source>No failed requests.</source>
        <translation>没有发送失败的申请。</translation>
    </message>
    <message numerus="yes">
        <source>%n attempt(s)</source>
        <translation>
            <numerusform>已尝试 %n 次</numerusform></translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重新发送</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
    <message>
        <source>Discard this request?</source>
        <translation>确定放弃这条申请吗？</translation>
    </message>
    <message>
        <source>It will not be sent to the platform. The resident may need to apply again. This is recorded in the terminal's log.</source>
        <translation>放弃后将不再发送到平台，居民可能需要重新申请。此操作会记录在终端日志中。</translation>
    </message>
</context>
<context>
    <name>kiosk::QueueService</name>
    <message>
        <source>could not be saved: the request store is unavailable</source>
        <translation>无法保存：申请存储不可用</translation>
    </message>
</context>
<context>
    <name>kiosk::Session</name>
    <message>
        <source>Departments</source>
        <translation>按部门查找</translation>
    </message>
    <message>
        <source>Life events</source>
        <translation>按人生事件查找</translation>
    </message>
    <message>
        <source>Most used services</source>
        <translation>常办事项</translation>
    </message>
</context>
</TS>