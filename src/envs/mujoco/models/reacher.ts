/**
 * Our MJCF model of the two-link planar arm of Gymnasium's Reacher. Written from the published
 * parameters: 10 ms time step with RK4; two links of 0.1 m (capsules of radius 0.01 m, density
 * 1000 kg/m³) 1 cm above the ground, the shoulder unlimited, the elbow within [-3, 3] rad; joint
 * armature 1 and damping 1; a fingertip body 0.11 m along the second link; a target point that
 * moves on two slide joints (x and y, each within [-0.27, 0.27] m, no armature or damping); two
 * motors with gear 200 and controls in [-1, 1]. Nothing collides. Angles in radians.
 * @module
 */
export const REACHER_XML = `
<mujoco model="modelgym_reacher">
  <compiler angle="radian" inertiafromgeom="true"/>
  <option timestep="0.01" integrator="RK4" gravity="0 0 -9.81"/>
  <default>
    <joint limited="true" armature="1" damping="1"/>
    <geom contype="0" conaffinity="0" friction="1 0.1 0.1"/>
    <motor ctrllimited="true" ctrlrange="-1 1" gear="200"/>
  </default>
  <worldbody>
    <geom name="ground" type="plane" size="1 1 10"/>
    <geom name="root" type="cylinder" fromto="0 0 0 0 0 0.02" size="0.011"/>
    <body name="body0" pos="0 0 0.01">
      <joint name="joint0" type="hinge" axis="0 0 1" limited="false"/>
      <geom name="link0" type="capsule" fromto="0 0 0 0.1 0 0" size="0.01"/>
      <body name="body1" pos="0.1 0 0">
        <joint name="joint1" type="hinge" axis="0 0 1" range="-3 3"/>
        <geom name="link1" type="capsule" fromto="0 0 0 0.1 0 0" size="0.01"/>
        <body name="fingertip" pos="0.11 0 0">
          <geom name="fingertip" type="sphere" size="0.01"/>
        </body>
      </body>
    </body>
    <body name="target" pos="0 0 0.01">
      <joint name="target_x" type="slide" axis="1 0 0" range="-0.27 0.27" armature="0" damping="0"/>
      <joint name="target_y" type="slide" axis="0 1 0" range="-0.27 0.27" armature="0" damping="0"/>
      <geom name="target" type="sphere" size="0.009"/>
    </body>
  </worldbody>
  <actuator>
    <motor name="joint0" joint="joint0"/>
    <motor name="joint1" joint="joint1"/>
  </actuator>
</mujoco>
`;
