<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AttractPage</name>
    <message>
        <source>24-hour self-service</source>
        <translation>24小时自助服务</translation>
    </message>
    <message numerus="yes">
        <source>%n services for residents: social security, medical insurance, elderly care, childcare, housing fund and more</source>
        <translation>
            <numerusform>社保、医保、养老、育儿、公积金等 %n 项便民服务</numerusform>
        </translation>
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
        <source>Check progress</source>
        <translation>查询办理进度</translation>
    </message>
    <message>
        <source>12345 suggestions</source>
        <translation>12345 意见建议</translation>
    </message>
    <message>
        <source>Large text</source>
        <translation>大字版</translation>
    </message>
</context>
<context>
    <name>CandidateBar</name>
    <message>
        <source>Type pinyin; the characters appear here, tap one to choose it</source>
        <translation>输入拼音后，汉字显示在这里，点选即可</translation>
    </message>
    <message>
        <source>Previous characters</source>
        <translation>上一组候选字</translation>
    </message>
    <message>
        <source>More characters</source>
        <translation>更多候选字</translation>
    </message>
</context>
<context>
    <name>CatalogBrowser</name>
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
<context>
    <name>CategoryTile</name>
    <message numerus="yes">
        <source>%n service(s)</source>
        <translation>
            <numerusform>%n 项服务</numerusform>
        </translation>
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
    <name>DatePicker</name>
    <message>
        <source>Year</source>
        <translation>年</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日</translation>
    </message>
    <message>
        <source>10 years earlier</source>
        <translation>往前 10 年</translation>
    </message>
    <message>
        <source>10 years later</source>
        <translation>往后 10 年</translation>
    </message>
    <message>
        <source>Clear the date</source>
        <translation>清除日期</translation>
    </message>
</context>
<context>
    <name>DeviceNoticePanel</name>
    <message>
        <source>The ID card reader is not working right now. You can still browse, and type your details where needed.</source>
        <translation>身份证读卡器暂时无法使用。您仍可查询事项，需要时可手动填写身份信息。</translation>
    </message>
    <message>
        <source>The printer is not working right now. Receipts are shown on the screen to photograph instead.</source>
        <translation>打印机暂时无法使用。回执将显示在屏幕上，请拍照保存。</translation>
    </message>
    <message>
        <source>The code scanner is not working right now. Please search for the service instead.</source>
        <translation>扫码器暂时无法使用，请通过搜索查找事项。</translation>
    </message>
    <message>
        <source>The A4 printer cannot print right now, so certificates cannot be printed here at the moment. Staff can help, or try another terminal.</source>
        <translation>A4打印机暂时无法打印，本机现在不能打印证明。请联系工作人员，或使用其他终端。</translation>
    </message>
</context>
<context>
    <name>EvaluationPage</name>
    <message>
        <source>Very satisfied</source>
        <translation>非常满意</translation>
    </message>
    <message>
        <source>Satisfied</source>
        <translation>满意</translation>
    </message>
    <message>
        <source>Fairly satisfied</source>
        <translation>基本满意</translation>
    </message>
    <message>
        <source>Dissatisfied</source>
        <translation>不满意</translation>
    </message>
    <message>
        <source>Very dissatisfied</source>
        <translation>非常不满意</translation>
    </message>
    <message>
        <source>How satisfied are you with this service?</source>
        <translation>您对本次服务满意吗？</translation>
    </message>
    <message>
        <source>%1 · rating is optional and anonymous to the staff here</source>
        <translation>%1 · 评价自愿，现场工作人员看不到是谁评价的</translation>
    </message>
    <message>
        <source>What stood out? (optional, choose any)</source>
        <translation>主要原因（可不选，可多选）</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>跳过</translation>
    </message>
    <message>
        <source>Send rating</source>
        <translation>提交评价</translation>
    </message>
</context>
<context>
    <name>FacetListPage</name>
    <message numerus="yes">
        <source>%n service(s)</source>
        <translation>
            <numerusform>%n 项服务</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FormPage</name>
    <message>
        <source>Question %1 of %2</source>
        <translation>第 %1 题，共 %2 题</translation>
    </message>
    <message>
        <source>(optional)</source>
        <translation>（可不填）</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>收起</translation>
    </message>
    <message>
        <source>Why is this asked?</source>
        <translation>为什么需要？</translation>
    </message>
    <message>
        <source>Why we ask: %1</source>
        <translation>为什么需要：%1</translation>
    </message>
    <message>
        <source>Previous question</source>
        <translation>上一题</translation>
    </message>
    <message>
        <source>Back to the service</source>
        <translation>返回事项说明</translation>
    </message>
    <message>
        <source>Check my answers</source>
        <translation>核对填写内容</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一题</translation>
    </message>
    <message>
        <source>Type with pinyin, or tap a common phrase below</source>
        <translation>用拼音输入，或点选下方常用语</translation>
    </message>
    <message>
        <source>Type with pinyin on the keyboard below</source>
        <translation>请用下方键盘输入拼音</translation>
    </message>
    <message>
        <source>Common phrases</source>
        <translation>常用语</translation>
    </message>
    <message>
        <source>18 digits; the last may be X</source>
        <translation>18 位，最后一位可能是 X</translation>
    </message>
    <message>
        <source>Mobile or landline number</source>
        <translation>手机号或固定电话</translation>
    </message>
    <message>
        <source>Enter a number</source>
        <translation>请输入数字</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Not chosen yet: use the buttons below</source>
        <translation>尚未选择：请用下方按钮选择日期</translation>
    </message>
    <message>
        <source>16 to 19 digits, as on the card</source>
        <translation>16到19位数字，与卡面一致</translation>
    </message>
    <message>
        <source>Please place your ID card on the reader</source>
        <translation>请在读卡区放置身份证</translation>
    </message>
    <message>
        <source>Your name, ID number and what else the card holds are then filled in for you.</source>
        <translation>读卡后，姓名、身份证号码等卡上信息会自动填好，不用手动输入。</translation>
    </message>
    <message>
        <source>No card with me: type it in</source>
        <translation>没带身份证，手动输入</translation>
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
    <name>HeaderPanel</name>
    <message>
        <source>Hello, %1 (%2)</source>
        <translation>您好，%1（%2）</translation>
    </message>
    <message>
        <source>Large text</source>
        <translation>大字版</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <source>Search services</source>
        <translation>搜索事项</translation>
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
    <message>
        <source>12345 suggestions</source>
        <translation>12345 意见建议</translation>
    </message>
    <message>
        <source>Check progress</source>
        <translation>查询办理进度</translation>
    </message>
    <message>
        <source>Search by name or pinyin</source>
        <translation>搜索事项：输入拼音首字母，如 sbcx</translation>
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
            <numerusform>%n 秒后将返回首页，并清除您输入的全部信息。</numerusform>
        </translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续办理</translation>
    </message>
</context>
<context>
    <name>MaintenancePage</name>
    <message>
        <source>Maintenance</source>
        <translation>维护菜单</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Request queue</source>
        <translation>申请队列</translation>
    </message>
    <message>
        <source>Fleet</source>
        <translation>远程管理</translation>
    </message>
    <message>
        <source>Terminal id: %1</source>
        <translation>终端编号：%1</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Device self-tests</source>
        <translation>设备自检</translation>
    </message>
    <message>
        <source>Print a test receipt</source>
        <translation>打印测试小票</translation>
    </message>
    <message>
        <source>Print an A4 test page</source>
        <translation>打印A4测试页</translation>
    </message>
    <message>
        <source>Network and platforms</source>
        <translation>网络与业务平台</translation>
    </message>
    <message>
        <source>Restart the app</source>
        <translation>重启应用</translation>
    </message>
    <message>
        <source>%1: running …</source>
        <translation>%1：正在进行…</translation>
    </message>
    <message>
        <source>%1: passed</source>
        <translation>%1：通过</translation>
    </message>
    <message>
        <source>%1: failed</source>
        <translation>%1：未通过</translation>
    </message>
    <message>
        <source>Enrol again</source>
        <translation>重新接入</translation>
    </message>
    <message>
        <source>Enrol this terminal</source>
        <translation>接入本终端</translation>
    </message>
    <message>
        <source>Scan the enrolment QR code from the operator now, or type the one-time code.</source>
        <translation>请扫描运维管理员提供的接入二维码，或输入一次性接入码。</translation>
    </message>
    <message>
        <source>Scan the enrolment QR code from the operator now (no enrolment host is configured for one-time codes).</source>
        <translation>请扫描运维管理员提供的接入二维码（本机未配置一次性接入码的服务地址）。</translation>
    </message>
    <message>
        <source>XXXX-XXXX-XXXX-XXXX-XXXX</source>
        <translation>XXXX-XXXX-XXXX-XXXX-XXXX</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Enrol</source>
        <translation>接入</translation>
    </message>
    <message>
        <source>Restart the app?</source>
        <translation>重启应用？</translation>
    </message>
    <message>
        <source>The terminal shows its start screen again in about half a minute. An update in progress is finished first.</source>
        <translation>约半分钟后终端重新显示开始页面。正在进行的更新会先完成。</translation>
    </message>
    <message>
        <source>Restart</source>
        <translation>重启</translation>
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
    <name>NoticePopup</name>
    <message>
        <source>OK</source>
        <translation>知道了</translation>
    </message>
</context>
<context>
    <name>NumericKeypad</name>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
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
    <message>
        <source>Staff pages are not set up on this terminal.</source>
        <translation>本终端未设置工作人员页面。</translation>
    </message>
    <message numerus="yes">
        <source>Too many wrong PINs. Try again in %n minute(s).</source>
        <translation>
            <numerusform>密码错误次数过多，请 %n 分钟后再试。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Too many wrong PINs. Try again in %n second(s).</source>
        <translation>
            <numerusform>密码错误次数过多，请 %n 秒后再试。</numerusform>
        </translation>
    </message>
    <message>
        <source>Wrong PIN.</source>
        <translation>密码错误。</translation>
    </message>
    <message numerus="yes">
        <source>Wrong PIN. Wait %n second(s).</source>
        <translation>
            <numerusform>密码错误，请等待 %n 秒。</numerusform>
        </translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>ProgressPage</name>
    <message>
        <source>Place your ID card on the reader, or hold the QR code on your receipt under the scanner.</source>
        <translation>请将身份证放在读卡区，或将回执上的二维码对准扫码口。</translation>
    </message>
    <message>
        <source>This terminal has no requests of yours. Requests made at a counter or online are not shown here; staff can look them up.</source>
        <translation>本终端没有您的办件记录。在窗口或网上办理的事项不在这里显示，可请工作人员帮您查询。</translation>
    </message>
    <message>
        <source>Requests made at this terminal with your ID card, newest first.</source>
        <translation>您在本终端刷身份证提交的办件，最新的在前。</translation>
    </message>
    <message>
        <source>The request on your receipt.</source>
        <translation>回执上的办件。</translation>
    </message>
    <message>
        <source>No. %1 · submitted %2</source>
        <translation>编号 %1 · 提交于 %2</translation>
    </message>
    <message>
        <source>Reply: %1</source>
        <translation>答复：%1</translation>
    </message>
    <message>
        <source>Saved on this terminal; it is sent as soon as the network allows</source>
        <translation>已保存在本终端，网络恢复后自动报送</translation>
    </message>
    <message>
        <source>Could not be delivered; staff have been told and will help</source>
        <translation>未能送达，已通知工作人员协助处理</translation>
    </message>
    <message>
        <source>Withdrawn by staff</source>
        <translation>已由工作人员撤回</translation>
    </message>
    <message>
        <source>Being handled</source>
        <translation>办理中</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>已办结</translation>
    </message>
    <message>
        <source>Not approved</source>
        <translation>未通过</translation>
    </message>
    <message>
        <source>Received by the department</source>
        <translation>部门已受理</translation>
    </message>
    <message>
        <source>Check progress</source>
        <translation>查询办理进度</translation>
    </message>
    <message>
        <source>Please take your ID card.</source>
        <translation>请取回您的身份证。</translation>
    </message>
</context>
<context>
    <name>QueryDocument</name>
    <message>
        <source>Terminal</source>
        <translation>终端</translation>
    </message>
    <message>
        <source>Printed</source>
        <translation>打印时间</translation>
    </message>
    <message>
        <source>For: %1 (ID %2)</source>
        <translation>查询人：%1（身份证 %2）</translation>
    </message>
    <message>
        <source>Reference number: %1</source>
        <translation>参考号：%1</translation>
    </message>
    <message>
        <source>Answered: %1</source>
        <translation>查询时间：%1</translation>
    </message>
    <message>
        <source>Valid until: %1</source>
        <translation>有效期至：%1</translation>
    </message>
    <message>
        <source>%1 (continued)</source>
        <translation>%1（续）</translation>
    </message>
    <message>
        <source>Printed at a self-service terminal from the platform&apos;s answer; the platform&apos;s records prevail.</source>
        <translation>本页由自助终端根据主管部门平台的答复打印，以平台记录为准。</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>第%1页，共%2页</translation>
    </message>
</context>
<context>
    <name>QueryPage</name>
    <message>
        <source>The A4 printer has run out of paper.</source>
        <translation>A4打印机缺纸。</translation>
    </message>
    <message>
        <source>Paper is jammed in the A4 printer.</source>
        <translation>A4打印机卡纸。</translation>
    </message>
    <message>
        <source>A door of the A4 printer is open.</source>
        <translation>A4打印机的舱门未关好。</translation>
    </message>
    <message>
        <source>The A4 printer has run out of toner.</source>
        <translation>A4打印机墨粉用完了。</translation>
    </message>
    <message>
        <source>The A4 printer cannot be reached.</source>
        <translation>无法连接A4打印机。</translation>
    </message>
    <message>
        <source>The A4 printer could not print.</source>
        <translation>A4打印机未能打印。</translation>
    </message>
    <message>
        <source>A certificate is issued only to the person it is about. Place your own ID card on the reader: it is fetched at once.</source>
        <translation>证明只开具给本人。请把您本人的身份证放在读卡区，放好后立即获取。</translation>
    </message>
    <message>
        <source>This is a personal record: only you can see it. Place your own ID card on the reader: it is looked up at once.</source>
        <translation>这是您本人的记录，只有您本人可以查看。请把本人身份证放在读卡区，放好后立即查询。</translation>
    </message>
    <message>
        <source>Fetching your certificate from the department…</source>
        <translation>正在向主管部门获取您的证明…</translation>
    </message>
    <message>
        <source>Asking the department…</source>
        <translation>正在向主管部门查询…</translation>
    </message>
    <message numerus="yes">
        <source>This usually takes a few seconds (at most %n second(s)). Nothing is kept on this terminal.</source>
        <translation>
            <numerusform>通常只需几秒钟（最长%n秒）。本机不保存任何查询内容。</numerusform>
        </translation>
    </message>
    <message>
        <source>Reference %1 · answered %2 · valid until %3</source>
        <translation>参考号 %1 · 查询时间 %2 · 有效期至 %3</translation>
    </message>
    <message>
        <source>Reference %1 · issued %2</source>
        <translation>参考号 %1 · 出具时间 %2</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s) · verification code %1</source>
        <translation>
            <numerusform>共%n页 · 验证码 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Printing page %1 of %2…</source>
        <translation>正在打印第%1页，共%2页…</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>正在打印…</translation>
    </message>
    <message>
        <source>Printed: please take the pages from the A4 printer&apos;s tray.</source>
        <translation>已打印：请从A4打印机出纸口取走。</translation>
    </message>
    <message>
        <source>Nothing was counted: you can print it again once the printer is ready.</source>
        <translation>本次不计次数：打印机恢复后可以再打印一次。</translation>
    </message>
    <message>
        <source>Please ask staff for help.</source>
        <translation>请联系工作人员帮助。</translation>
    </message>
    <message>
        <source>Printing the slip…</source>
        <translation>正在打印小票…</translation>
    </message>
    <message>
        <source>Please take the slip from the slot below the screen.</source>
        <translation>请从屏幕下方出纸口取走小票。</translation>
    </message>
    <message>
        <source>The slip could not be printed.</source>
        <translation>小票未能打印。</translation>
    </message>
    <message>
        <source>Please take your ID card when you are done.</source>
        <translation>办完后请取走您的身份证。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Print again</source>
        <translation>再打印一次</translation>
    </message>
    <message>
        <source>Print on A4</source>
        <translation>A4打印</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Short slip</source>
        <translation>打印小票</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>Please check your answers</source>
        <translation>请核对填写内容</translation>
    </message>
    <message>
        <source>from your ID card</source>
        <translation>读自身份证</translation>
    </message>
    <message>
        <source>(not answered)</source>
        <translation>（未填写）</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Use of your personal information</source>
        <translation>个人信息使用授权</translation>
    </message>
    <message>
        <source>I have read this and agree</source>
        <translation>我已阅读并同意</translation>
    </message>
    <message>
        <source>Submit</source>
        <translation>确认提交</translation>
    </message>
    <message>
        <source>Agree above to submit</source>
        <translation>请先勾选上方同意后提交</translation>
    </message>
    <message>
        <source>Please agree to the use of your information, or end the visit if you do not want to submit.</source>
        <translation>请先同意个人信息使用授权；如不想提交，可结束办理。</translation>
    </message>
    <message>
        <source>Some answers need another look; they are marked in red above.</source>
        <translation>有些内容需要再核对一下，已在上方标出。</translation>
    </message>
    <message>
        <source>Your request could not be saved on this terminal, so it was not submitted. Nothing was sent. Please ask staff for help or use the counter.</source>
        <translation>您的申请未能保存在本终端，因此没有提交，也没有发送任何信息。请联系工作人员或到窗口办理。</translation>
    </message>
</context>
<context>
    <name>SearchPage</name>
    <message>
        <source>For 社保查询 type sbcx or shebaochaxun</source>
        <translation>例如查“社保查询”，输入 sbcx 或 shebaochaxun</translation>
    </message>
    <message numerus="yes">
        <source>%n result(s)</source>
        <translation>
            <numerusform>找到 %n 项</numerusform>
        </translation>
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
    <message>
        <source>Type a name, pinyin or its initials</source>
        <translation>请输入拼音或拼音首字母</translation>
    </message>
    <message>
        <source>For example: pension, or the pinyin initials sbcx</source>
        <translation>例如输入 pension，或拼音首字母 sbcx</translation>
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
            <numerusform>%n 个工作日</numerusform>
        </translation>
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
    <message>
        <source>Apply now</source>
        <translation>立即申请</translation>
    </message>
    <message>
        <source>(in Chinese)</source>
        <translation>（中文）</translation>
    </message>
    <message>
        <source>Details in Chinese only</source>
        <translation>详情仅有中文</translation>
    </message>
    <message>
        <source>Where (in Chinese): %1</source>
        <translation>办理地点：%1</translation>
    </message>
    <message>
        <source>Fee: %1 yuan</source>
        <translation>收费：%1 元</translation>
    </message>
    <message>
        <source>Note (in Chinese): %1</source>
        <translation>说明：%1</translation>
    </message>
    <message>
        <source>Look it up now</source>
        <translation>立即查询</translation>
    </message>
    <message>
        <source>Print the certificate</source>
        <translation>打印证明</translation>
    </message>
</context>
<context>
    <name>ServiceListPage</name>
    <message numerus="yes">
        <source>%n service(s)</source>
        <translation>
            <numerusform>%n 项服务</numerusform>
        </translation>
    </message>
    <message>
        <source>No services here.</source>
        <translation>暂无事项。</translation>
    </message>
</context>
<context>
    <name>StaffDevicesPage</name>
    <message>
        <source>normal</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>需要注意</translation>
    </message>
    <message>
        <source>fault</source>
        <translation>故障</translation>
    </message>
    <message>
        <source>busy</source>
        <translation>忙</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>ID card reader</source>
        <translation>身份证读卡器</translation>
    </message>
    <message>
        <source>Receipt printer</source>
        <translation>回执打印机</translation>
    </message>
    <message>
        <source>Code scanner</source>
        <translation>扫码器</translation>
    </message>
    <message>
        <source>Devices (staff)</source>
        <translation>设备状态（工作人员）</translation>
    </message>
    <message>
        <source>Request queue</source>
        <translation>申请队列</translation>
    </message>
    <message>
        <source>Developer panel (simulated devices)</source>
        <translation>开发调试面板（模拟设备）</translation>
    </message>
    <message>
        <source>Card: %1</source>
        <translation>放卡：%1</translation>
    </message>
    <message>
        <source>Remove card</source>
        <translation>取走身份证</translation>
    </message>
    <message>
        <source>Scan RS-0001</source>
        <translation>扫码 RS-0001</translation>
    </message>
    <message>
        <source>Scan unknown code</source>
        <translation>扫描未知二维码</translation>
    </message>
    <message>
        <source>Paper OK</source>
        <translation>纸张正常</translation>
    </message>
    <message>
        <source>Paper low</source>
        <translation>纸张将尽</translation>
    </message>
    <message>
        <source>Paper out</source>
        <translation>缺纸</translation>
    </message>
    <message>
        <source>Open cover</source>
        <translation>打开机盖</translation>
    </message>
    <message>
        <source>Close cover</source>
        <translation>合上机盖</translation>
    </message>
    <message>
        <source>Unplug %1</source>
        <translation>拔出%1</translation>
    </message>
    <message>
        <source>Plug in %1</source>
        <translation>插回%1</translation>
    </message>
    <message>
        <source>Disconnected: check the USB cable and the power.</source>
        <translation>已断开：请检查USB线和电源。</translation>
    </message>
    <message>
        <source>Present but cannot be used: check permissions and the udev rules.</source>
        <translation>已连接但无法使用：请检查权限和udev规则。</translation>
    </message>
    <message>
        <source>Does not answer: switch it off and on.</source>
        <translation>无响应：请关闭后重新开启。</translation>
    </message>
    <message>
        <source>Answers garbled: check the cable.</source>
        <translation>应答数据错乱：请检查连接线。</translation>
    </message>
    <message>
        <source>Transfers fail: try another USB port.</source>
        <translation>传输失败：请换一个USB接口。</translation>
    </message>
    <message>
        <source>The reader&apos;s security module is faulty or not authorised.</source>
        <translation>阅读器安全模块故障或未授权。</translation>
    </message>
    <message>
        <source>Paper low: replace the roll soon.</source>
        <translation>纸张将尽：请尽快更换纸卷。</translation>
    </message>
    <message>
        <source>Paper out: replace the roll.</source>
        <translation>缺纸：请更换纸卷。</translation>
    </message>
    <message>
        <source>Cover open: close it.</source>
        <translation>打印机盖未关：请关好。</translation>
    </message>
    <message>
        <source>Cutter jammed: clear the cutter.</source>
        <translation>切刀卡纸：请清理切刀。</translation>
    </message>
    <message>
        <source>Printer error: switch the printer off and on.</source>
        <translation>打印机故障：请关闭打印机后重新开启。</translation>
    </message>
    <message>
        <source>Printer offline.</source>
        <translation>打印机离线。</translation>
    </message>
    <message>
        <source>This printer cannot report its paper state.</source>
        <translation>此打印机无法报告纸张状态。</translation>
    </message>
    <message>
        <source>Spare: another device of this kind is in use.</source>
        <translation>备用：正在使用另一台同类设备。</translation>
    </message>
    <message>
        <source>The device layer is stopped.</source>
        <translation>设备服务已停止。</translation>
    </message>
    <message>
        <source>Ready: waiting for a card</source>
        <translation>就绪：等待刷卡</translation>
    </message>
    <message>
        <source>Ready to print</source>
        <translation>就绪：可以打印</translation>
    </message>
    <message>
        <source>Ready: waiting for a code</source>
        <translation>就绪：等待扫码</translation>
    </message>
    <message>
        <source>Reading a card</source>
        <translation>正在读卡</translation>
    </message>
    <message>
        <source>Printing</source>
        <translation>正在打印</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>忙碌</translation>
    </message>
    <message>
        <source>Not connected.</source>
        <translation>未连接。</translation>
    </message>
    <message>
        <source>Paper jam: open the printer and remove the jammed paper.</source>
        <translation>卡纸：请打开打印机取出卡住的纸张。</translation>
    </message>
    <message>
        <source>Door open: close the printer&apos;s door.</source>
        <translation>打印机舱门未关：请关好舱门。</translation>
    </message>
    <message>
        <source>Toner low: replace the cartridge soon.</source>
        <translation>墨粉不足：请尽快更换硒鼓。</translation>
    </message>
    <message>
        <source>Toner empty: replace the cartridge.</source>
        <translation>墨粉已用完：请更换硒鼓。</translation>
    </message>
    <message>
        <source>The print job was cancelled.</source>
        <translation>打印任务已取消。</translation>
    </message>
    <message>
        <source>The printer cannot print this document (PDF not accepted).</source>
        <translation>打印机无法打印此文档（不支持 PDF）。</translation>
    </message>
    <message>
        <source>A4 printer</source>
        <translation>A4 打印机</translation>
    </message>
    <message>
        <source>Not found: check the printer&apos;s power and network cable, and &quot;a4Printer&quot; in the configuration.</source>
        <translation>未找到打印机：请检查打印机电源和网线，以及配置中的 &quot;a4Printer&quot;。</translation>
    </message>
    <message>
        <source>Cannot choose the printer (several found, or a bad address): set &quot;a4Printer&quot; in the configuration.</source>
        <translation>无法确定使用哪台打印机（找到多台，或地址有误）：请在配置中设置 &quot;a4Printer&quot;。</translation>
    </message>
    <message>
        <source>Maintenance</source>
        <translation>维护菜单</translation>
    </message>
</context>
<context>
    <name>StaffFleetPage</name>
    <message>
        <source>Terminal id: %1</source>
        <translation>终端编号：%1</translation>
    </message>
    <message>
        <source>Fleet server</source>
        <translation>远程管理服务器</translation>
    </message>
    <message>
        <source>Updates</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Poll the fleet server now</source>
        <translation>立即连接服务器</translation>
    </message>
    <message>
        <source>Fleet</source>
        <translation>远程管理</translation>
    </message>
    <message>
        <source>Maintenance</source>
        <translation>维护菜单</translation>
    </message>
    <message>
        <source>Not enrolled. Give this terminal id to the fleet&apos;s operator, then enrol it on the maintenance page with the enrolment they send (QR code or one-time code).</source>
        <translation>尚未接入远程管理。请把本终端编号告知运维管理员，再在维护菜单中用其提供的接入二维码或一次性接入码接入。</translation>
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
            <numerusform>最早的待发送申请已等待 %n 分钟。</numerusform>
        </translation>
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
            <numerusform>已尝试 %n 次</numerusform>
        </translation>
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
        <source>It will not be sent to the platform. The resident may need to apply again. This is recorded in the terminal&apos;s log.</source>
        <translation>放弃后将不再发送到平台，居民可能需要重新申请。此操作会记录在终端日志中。</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>设备</translation>
    </message>
    <message numerus="yes">
        <source>Platform %1 refuses this terminal&apos;s clock. %n request(s) are kept and retried. Check the date, time and time server (NTP) of this terminal.</source>
        <translation>
            <numerusform>平台 %1 拒绝了本终端的时钟。%n 件申请已保留并会重新发送。请检查本终端的日期、时间和时间服务器（NTP）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Platform %1 refuses this terminal&apos;s credentials. %n request(s) are kept and retried. Check this platform&apos;s signing key and certificate.</source>
        <translation>
            <numerusform>平台 %1 拒绝了本终端的身份凭证。%n 件申请已保留并会重新发送。请检查该平台的签名密钥和证书。</numerusform>
        </translation>
    </message>
    <message>
        <source>The request store was damaged and could not be read. Requests saved in it could not be sent; residents may need to apply again. A new, empty store was started. The damaged file is kept for a technician: %1</source>
        <translation>申请存储已损坏，无法读取。其中保存的申请无法发送，居民可能需要重新申请。已启用新的空存储。损坏的文件已保留，供技术人员处理：%1</translation>
    </message>
    <message>
        <source>Retry all failed for %1</source>
        <translation>重新发送 %1 的全部失败申请</translation>
    </message>
    <message>
        <source>Maintenance</source>
        <translation>维护菜单</translation>
    </message>
</context>
<context>
    <name>SubmittedPage</name>
    <message>
        <source>Submitted</source>
        <translation>提交成功</translation>
    </message>
    <message>
        <source>Saved — it will be sent automatically</source>
        <translation>已保存，将自动报送</translation>
    </message>
    <message>
        <source>The department could not accept this request</source>
        <translation>受理部门未能接收本申请</translation>
    </message>
    <message>
        <source>Submitting…</source>
        <translation>正在提交…</translation>
    </message>
    <message>
        <source>%1 has received your request.</source>
        <translation>%1 已收到您的申请。</translation>
    </message>
    <message>
        <source>The connection to %1 is down right now. Your request is stored safely on this terminal and is sent as soon as the connection is back — you do not need to do anything. Your number stays the same.</source>
        <translation>与%1的网络暂时中断。您的申请已安全保存在本终端，网络恢复后自动报送，您无需再做任何操作，编号不变。</translation>
    </message>
    <message>
        <source>The reason given: %1. Nothing was lost; staff at the service desk can help you.</source>
        <translation>原因：%1。您填写的内容没有丢失，服务台工作人员可以帮您处理。</translation>
    </message>
    <message>
        <source>Your request is saved on this terminal. Sending it to %1…</source>
        <translation>您的申请已保存在本终端，正在报送%1…</translation>
    </message>
    <message>
        <source>Tracking number</source>
        <translation>受理编号</translation>
    </message>
    <message>
        <source>Receipt number</source>
        <translation>回执编号</translation>
    </message>
    <message numerus="yes">
        <source>Time limit set by law: %n working day(s).</source>
        <translation>
            <numerusform>法定办结时限：%n 个工作日。</numerusform>
        </translation>
    </message>
    <message>
        <source>Handled on the spot.</source>
        <translation>即时办结。</translation>
    </message>
    <message>
        <source>Please take your receipt from the slot below the screen.</source>
        <translation>请从屏幕下方出纸口取走回执。</translation>
    </message>
    <message>
        <source>Printing your receipt…</source>
        <translation>正在打印回执…</translation>
    </message>
    <message>
        <source>Try printing again</source>
        <translation>重新打印</translation>
    </message>
    <message>
        <source>Print another copy</source>
        <translation>再打印一份</translation>
    </message>
    <message>
        <source>Rate this service</source>
        <translation>评价本次服务</translation>
    </message>
    <message>
        <source>Finish and log out</source>
        <translation>完成并退出</translation>
    </message>
    <message>
        <source>The printer cannot print your receipt right now. Please take a photo of the number and the code, or print it again later. Please ask staff for help.</source>
        <translation>打印机暂时无法打印回执。请用手机拍下编号和二维码，或稍后重新打印。请联系工作人员。</translation>
    </message>
    <message>
        <source>Please take your ID card.</source>
        <translation>请取回您的身份证。</translation>
    </message>
    <message>
        <source>To check progress later, tap your ID card on this terminal and choose &quot;Check progress&quot;, or scan the code on the receipt.</source>
        <translation>以后查询进度：在本终端刷身份证并选择“查询办理进度”，或扫描回执上的二维码。</translation>
    </message>
</context>
<context>
    <name>kiosk::Evaluation</name>
    <message>
        <source>Quick and easy</source>
        <translation>方便快捷</translation>
    </message>
    <message>
        <source>Clear instructions</source>
        <translation>指引清楚</translation>
    </message>
    <message>
        <source>Done in one visit</source>
        <translation>一次办成</translation>
    </message>
    <message>
        <source>Helpful staff</source>
        <translation>工作人员热情</translation>
    </message>
    <message>
        <source>Less paperwork</source>
        <translation>材料精简</translation>
    </message>
    <message>
        <source>Took too long</source>
        <translation>用时太长</translation>
    </message>
    <message>
        <source>Instructions unclear</source>
        <translation>指引不清楚</translation>
    </message>
    <message>
        <source>Too many materials</source>
        <translation>材料太多</translation>
    </message>
    <message>
        <source>Asked for materials twice</source>
        <translation>重复提交材料</translation>
    </message>
    <message>
        <source>Hard to use the screen</source>
        <translation>屏幕操作困难</translation>
    </message>
    <message>
        <source>Device did not work</source>
        <translation>设备故障</translation>
    </message>
    <message>
        <source>Staff were unhelpful</source>
        <translation>工作人员服务不好</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
</context>
<context>
    <name>kiosk::FleetService</name>
    <message>
        <source>Not polled yet</source>
        <translation>尚未连接服务器</translation>
    </message>
    <message>
        <source>Not enrolled: no fleet server is configured</source>
        <translation>尚未接入：未配置远程管理服务器</translation>
    </message>
    <message>
        <source>Enrolled, but the target token cannot be read (credential fleet.target-token or fleet.targetTokenFile): %1</source>
        <translation>已配置接入，但无法读取终端令牌（凭据 fleet.target-token 或 fleet.targetTokenFile）：%1</translation>
    </message>
    <message numerus="yes">
        <source>Last poll failed (%n time(s) in a row): %1. Next try %2.</source>
        <translation>
            <numerusform>最近一次连接失败（已连续 %n 次）：%1。下次尝试：%2。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Polled %1, next %2 (every %n s)</source>
        <translation>
            <numerusform>最近连接 %1，下次 %2（每 %n 秒）</numerusform>
        </translation>
    </message>
    <message>
        <source>Update %1: %2</source>
        <translation>更新 %1：%2</translation>
    </message>
    <message>
        <source>No update in progress</source>
        <translation>没有正在进行的更新</translation>
    </message>
    <message>
        <source>Last update %1: %2</source>
        <translation>上次更新 %1：%2</translation>
    </message>
    <message>
        <source>downloading and checking</source>
        <translation>正在下载并校验</translation>
    </message>
    <message>
        <source>downloaded; applied when no resident is using the terminal</source>
        <translation>已下载，将在无人使用终端时应用</translation>
    </message>
    <message>
        <source>downloaded; waiting for the maintenance window</source>
        <translation>已下载，等待维护时段</translation>
    </message>
    <message>
        <source>waiting: the fleet server holds the download back</source>
        <translation>等待中：服务器暂缓下载</translation>
    </message>
    <message>
        <source>applying</source>
        <translation>正在应用</translation>
    </message>
    <message>
        <source>applied</source>
        <translation>已应用</translation>
    </message>
    <message>
        <source>not applied (%1)</source>
        <translation>未应用（%1）</translation>
    </message>
    <message>
        <source>by QR code</source>
        <translation>（扫描二维码）</translation>
    </message>
    <message>
        <source>by one-time code</source>
        <translation>（一次性接入码）</translation>
    </message>
    <message>
        <source>by the enrolment file at first start</source>
        <translation>（首次启动时的接入文件）</translation>
    </message>
    <message>
        <source>with kioskctl</source>
        <translation>（kioskctl 命令）</translation>
    </message>
    <message>
        <source>Enrolled with %1 %2, %3</source>
        <translation>已接入 %1 %2，%3</translation>
    </message>
    <message>
        <source>Enrolled with %1 (%2) %3, %4</source>
        <translation>已接入 %1（%2）%3，%4</translation>
    </message>
    <message>
        <source>Enrolled with the simulated fleet server (demo)</source>
        <translation>已接入模拟的远程管理服务器（演示）</translation>
    </message>
    <message>
        <source>Enrolled with %1 by the terminal&apos;s configuration</source>
        <translation>已按本机配置接入 %1</translation>
    </message>
    <message>
        <source>Not enrolled</source>
        <translation>尚未接入</translation>
    </message>
    <message>
        <source>Not enrolled: %1. The terminal keeps its previous settings.</source>
        <translation>未接入：%1。终端保留原有设置。</translation>
    </message>
    <message>
        <source>Fetching the enrolment for code %1 …</source>
        <translation>正在获取接入码 %1 对应的接入信息…</translation>
    </message>
    <message>
        <source>Checking the enrolment with %1 …</source>
        <translation>正在向 %1 核验接入信息…</translation>
    </message>
    <message>
        <source>Enrolled with %1: the fleet server accepts this terminal.</source>
        <translation>已接入 %1：远程管理服务器已确认本终端。</translation>
    </message>
    <message>
        <source>Enrolled with %1, but the server cannot be checked yet (%2). The terminal keeps trying.</source>
        <translation>已接入 %1，但暂时无法连接服务器核验（%2），终端会继续尝试。</translation>
    </message>
    <message>
        <source>demo terminal</source>
        <translation>演示终端</translation>
    </message>
    <message>
        <source>downloaded; applied in the local maintenance window %1–%2</source>
        <translation>已下载，将在本机维护时段 %1–%2 内应用</translation>
    </message>
</context>
<context>
    <name>kiosk::FormSession</name>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Agreed</source>
        <translation>已同意</translation>
    </message>
</context>
<context>
    <name>kiosk::Journey</name>
    <message>
        <source>12345 citizen service hotline</source>
        <translation>12345政务服务便民热线</translation>
    </message>
    <message>
        <source>Receiving department: %1</source>
        <translation>接收部门：%1</translation>
    </message>
    <message>
        <source>I agree that the information above, including my ID number, is sent to %1 to handle &quot;%2&quot;, is used only for that, and is kept as the law requires. This terminal keeps no readable copy.</source>
        <translation>本人同意将以上信息（含身份证号码）提供给%1，仅用于办理“%2”，并依法保存。本终端不保留可读副本。</translation>
    </message>
</context>
<context>
    <name>kiosk::KioskApp</name>
    <message>
        <source>Your ID card expired on %1. Some services need a valid card; staff can help.</source>
        <translation>您的身份证已于 %1 过期。部分事项需要有效证件，可请工作人员协助。</translation>
    </message>
    <message>
        <source>The ID card could not be read. Please place it flat on the reader again.</source>
        <translation>身份证未能读取，请将身份证平放在读卡区重新放置。</translation>
    </message>
    <message>
        <source>This ID card could not be verified. Please ask the staff for help.</source>
        <translation>无法验证此身份证，请联系工作人员协助。</translation>
    </message>
</context>
<context>
    <name>kiosk::MaintenanceService</name>
    <message>
        <source>The A4 test page was printed.</source>
        <translation>A4测试页已打印。</translation>
    </message>
    <message>
        <source>The A4 test page was not printed: %1 %2</source>
        <translation>A4测试页未打印：%1 %2</translation>
    </message>
    <message>
        <source>Device self-tests</source>
        <translation>设备自检</translation>
    </message>
    <message>
        <source>Test receipt</source>
        <translation>测试小票</translation>
    </message>
    <message>
        <source>A4 test page</source>
        <translation>A4测试页</translation>
    </message>
    <message>
        <source>No A4 printer is ready: see the device status.</source>
        <translation>没有可用的A4打印机，请查看设备状态。</translation>
    </message>
    <message>
        <source>Fleet server: %1</source>
        <translation>远程管理服务器：%1</translation>
    </message>
    <message>
        <source>Fleet server: not enrolled</source>
        <translation>远程管理服务器：尚未接入</translation>
    </message>
    <message>
        <source>Network and platform checks</source>
        <translation>网络与业务平台检查</translation>
    </message>
    <message>
        <source>No city platform is configured.</source>
        <translation>未配置业务平台。</translation>
    </message>
    <message>
        <source>Restart</source>
        <translation>重启</translation>
    </message>
    <message>
        <source>A simulated terminal is not restarted (the restart is logged).</source>
        <translation>模拟终端不会真正重启（已记录重启请求）。</translation>
    </message>
    <message>
        <source>The app restarts in a few seconds.</source>
        <translation>应用将在几秒后重启。</translation>
    </message>
</context>
<context>
    <name>kiosk::ProgressModel</name>
    <message>
        <source>12345 suggestion or complaint</source>
        <translation>12345 意见建议与诉求</translation>
    </message>
</context>
<context>
    <name>kiosk::ReceiptSlip</name>
    <message numerus="yes">
        <source>Time limit set by law: %n working day(s)</source>
        <comment>receipt</comment>
        <translation>
            <numerusform>法定办结时限：%n个工作日</numerusform>
        </translation>
    </message>
    <message>
        <source>Time limit set by law: done on the spot</source>
        <comment>receipt</comment>
        <translation>法定办结时限：即时办结</translation>
    </message>
    <message>
        <source>Sent automatically once the network is back; the number stays the same</source>
        <comment>receipt</comment>
        <translation>网络恢复后自动报送，编号不变</translation>
    </message>
    <message>
        <source>Progress: tap your ID card at this terminal or scan the QR code below</source>
        <comment>receipt</comment>
        <translation>查询进度：在本机刷身份证或扫描下方二维码</translation>
    </message>
    <message>
        <source>You can also ask on the 12345 hotline</source>
        <comment>receipt</comment>
        <translation>也可拨打12345热线查询</translation>
    </message>
    <message>
        <source>Please keep this receipt</source>
        <comment>receipt</comment>
        <translation>请妥善保管本回执</translation>
    </message>
    <message>
        <source>Receipt</source>
        <comment>receipt</comment>
        <translation>办事回执</translation>
    </message>
    <message>
        <source>Service: </source>
        <comment>receipt</comment>
        <translation>事项：</translation>
    </message>
    <message>
        <source>Time: </source>
        <comment>receipt</comment>
        <translation>时间：</translation>
    </message>
    <message>
        <source>Number: </source>
        <comment>receipt</comment>
        <translation>受理编号：</translation>
    </message>
    <message>
        <source>Scan to check progress</source>
        <comment>receipt</comment>
        <translation>扫码查询办理进度</translation>
    </message>
</context>
<context>
    <name>kiosk::RecordQuery</name>
    <message>
        <source>This query is not available at this terminal. Please ask staff.</source>
        <translation>本机暂不能查询此事项。请联系工作人员。</translation>
    </message>
    <message>
        <source>The department&apos;s system cannot be reached just now. Nothing was kept. Please try again in a few minutes, or ask staff.</source>
        <translation>暂时无法连接主管部门系统，本机未保存任何内容。请几分钟后重试，或联系工作人员。</translation>
    </message>
    <message>
        <source>The department&apos;s system did not answer in time. Nothing was kept. Please try again, or ask staff.</source>
        <translation>主管部门系统未能及时答复，本机未保存任何内容。请重试，或联系工作人员。</translation>
    </message>
    <message>
        <source>The department&apos;s system could not answer this request. Please ask staff.</source>
        <translation>主管部门系统无法办理此次请求。请联系工作人员。</translation>
    </message>
    <message>
        <source>The department&apos;s system has a problem just now. Please try again later, or ask staff.</source>
        <translation>主管部门系统暂时出现故障。请稍后重试，或联系工作人员。</translation>
    </message>
    <message>
        <source>The document did not pass the terminal&apos;s check and was not printed. Please try again, or ask staff.</source>
        <translation>证明文件未通过本机校验，没有打印。请重试，或联系工作人员。</translation>
    </message>
    <message>
        <source>The answer could not be shown. Please try again, or ask staff.</source>
        <translation>查询结果无法显示。请重试，或联系工作人员。</translation>
    </message>
    <message>
        <source>Nothing is on record for you for this item.</source>
        <translation>未查询到您在此事项下的记录。</translation>
    </message>
    <message>
        <source>This record can only be seen by the person it belongs to.</source>
        <translation>此记录仅限本人查看。</translation>
    </message>
    <message>
        <source>Query result</source>
        <translation>查询结果</translation>
    </message>
    <message>
        <source>Item: </source>
        <translation>事项：</translation>
    </message>
    <message>
        <source>Time: </source>
        <translation>时间：</translation>
    </message>
    <message>
        <source>Reference: </source>
        <translation>参考号：</translation>
    </message>
    <message>
        <source>Verification code</source>
        <translation>验证码</translation>
    </message>
    <message>
        <source>Reference number</source>
        <translation>参考号</translation>
    </message>
    <message>
        <source>Valid until: %1</source>
        <translation>有效期至：%1</translation>
    </message>
    <message>
        <source>The department&apos;s records prevail.</source>
        <translation>以主管部门记录为准。</translation>
    </message>
</context>
<context>
    <name>kiosk::Session</name>
    <message>
        <source>This code is not one the terminal knows. Scan a service code or the code on your receipt.</source>
        <translation>无法识别此二维码。请扫描事项二维码或回执上的二维码。</translation>
    </message>
    <message>
        <source>Thank you. Your rating has been recorded.</source>
        <translation>谢谢！您的评价已记录。</translation>
    </message>
    <message>
        <source>Thank you for using the terminal.</source>
        <translation>感谢您使用自助终端。</translation>
    </message>
    <message>
        <source>This service cannot be applied for at this terminal right now. Please ask staff.</source>
        <translation>本事项暂时无法在终端申请，请咨询工作人员。</translation>
    </message>
    <message>
        <source>Suggestions cannot be made at this terminal right now. Please call 12345.</source>
        <translation>本机暂时无法提交意见建议，请拨打12345热线。</translation>
    </message>
    <message>
        <source>Please take your ID card.</source>
        <translation>请取回您的身份证。</translation>
    </message>
    <message>
        <source>Place your ID card on the reader to see your requests.</source>
        <translation>请将身份证放在读卡区，查看您的办件。</translation>
    </message>
    <message numerus="yes">
        <source>Too many codes could not be checked. Please wait %n second(s), then scan your receipt again.</source>
        <translation>
            <numerusform>无法识别的二维码过多，请等待 %n 秒后再扫描回执。</numerusform>
        </translation>
    </message>
    <message>
        <source>This receipt&apos;s code cannot be checked here. Scan the QR code of a receipt printed by this terminal, or place your ID card on the reader.</source>
        <translation>此回执二维码无法在本机查询。请扫描本终端打印的回执二维码，或将身份证放在读卡区。</translation>
    </message>
    <message numerus="yes">
        <source>You took your ID card: this visit ends in %n second(s). Put the card back to continue.</source>
        <translation>
            <numerusform>您已取走身份证，本次服务将在 %n 秒后结束。如需继续，请放回身份证。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kiosk::forms</name>
    <message>
        <source>Enter an 11-digit mobile number, or a landline with its area code (e.g. 0591-87654321).</source>
        <translation>请填写11位手机号码，或带区号的固定电话（如 0591-87654321）。</translation>
    </message>
    <message>
        <source>Please read and agree to this before submitting.</source>
        <translation>提交前请阅读并勾选同意。</translation>
    </message>
    <message>
        <source>Please choose %1.</source>
        <translation>请选择%1。</translation>
    </message>
    <message>
        <source>Please fill in %1.</source>
        <translation>请填写%1。</translation>
    </message>
    <message>
        <source>%1 must be text.</source>
        <translation>%1应为文字。</translation>
    </message>
    <message>
        <source>%1 is too short: at least %2 characters.</source>
        <translation>%1太短，至少需要 %2 个字。</translation>
    </message>
    <message>
        <source>%1 is too long: at most %2 characters.</source>
        <translation>%1太长，最多 %2 个字。</translation>
    </message>
    <message>
        <source>%1 must be a number.</source>
        <translation>%1应为数字。</translation>
    </message>
    <message>
        <source>%1 must be a whole number.</source>
        <translation>%1应为整数。</translation>
    </message>
    <message>
        <source>%1: at most %2 digits after the decimal point.</source>
        <translation>%1最多保留 %2 位小数。</translation>
    </message>
    <message>
        <source>%1 must be between %2 and %3.</source>
        <translation>%1应在 %2 到 %3 之间。</translation>
    </message>
    <message>
        <source>%1 is not a real date.</source>
        <translation>%1不是有效日期。</translation>
    </message>
    <message>
        <source>%1 cannot be before %2.</source>
        <translation>%1不能早于 %2。</translation>
    </message>
    <message>
        <source>%1 cannot be after %2.</source>
        <translation>%1不能晚于 %2。</translation>
    </message>
    <message>
        <source>%1 must be a phone number.</source>
        <translation>%1应为电话号码。</translation>
    </message>
    <message>
        <source>%1 must be an ID number.</source>
        <translation>%1应为身份证号码。</translation>
    </message>
    <message>
        <source>An ID number has 18 characters. Please check %1.</source>
        <translation>身份证号码应为18位，请核对%1。</translation>
    </message>
    <message>
        <source>An ID number has 17 digits and a last digit or X. Please check %1.</source>
        <translation>身份证号码前17位是数字，最后一位是数字或X，请核对%1。</translation>
    </message>
    <message>
        <source>The birth date inside %1 is not a real date. Please check it.</source>
        <translation>%1中的出生日期不正确，请核对。</translation>
    </message>
    <message>
        <source>%1 does not add up: one of its characters is wrong. Please check it against the card.</source>
        <translation>%1校验不通过，可能有一位填错，请对照证件核对。</translation>
    </message>
    <message>
        <source>Please choose one of the options for %1.</source>
        <translation>请从选项中选择%1。</translation>
    </message>
    <message>
        <source>Please choose from the options for %1.</source>
        <translation>请从选项中选择%1。</translation>
    </message>
    <message numerus="yes">
        <source>Choose at least %n option(s) for %1.</source>
        <translation>
            <numerusform>%1至少选择 %n 项。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Choose at most %n option(s) for %1.</source>
        <translation>
            <numerusform>%1最多选择 %n 项。</numerusform>
        </translation>
    </message>
    <message>
        <source>Please answer yes or no for %1.</source>
        <translation>请选择%1：是或否。</translation>
    </message>
    <message>
        <source>A bank card number has 16 to 19 digits. Please check %1 against the card.</source>
        <translation>银行卡号是16到19位数字，请对照卡面核对%1。</translation>
    </message>
    <message>
        <source>“%1” is only for people aged %2 or over; by the birth date in the ID number you are %3. Please choose another option, or ask the staff.</source>
        <extracomment>%1 the option chosen (e.g. 到龄正常退休), %2 its minimum age, %3 the resident&apos;s age</extracomment>
        <translation>“%1”须年满%2周岁；按身份证号码中的出生日期，您现在%3周岁。请选择其他选项，或咨询工作人员。</translation>
    </message>
</context>
</TS>
